using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;
using RecoStreams.QueryApi.Privacy;

namespace RecoStreams.QueryApi.Queries;

/// <summary>A user's list and whether it was computed on the spot for a user the stores do not know.</summary>
public sealed record ServedList(RecommendationList List, bool ColdStart);

/// <summary>
/// Serves the stored list; when there is none yet, or it is empty (computed before any item popularity
/// had arrived, e.g. right after a start), computes one now with the same recommender the topology uses
/// (a null profile gives the cold-start list), so a user never sees an empty page while items exist.
/// A user without consent to personalisation gets that non-personalised list whatever the stores hold.
/// </summary>
public sealed class RecommendationReader(IRecommendationQueries queries, IConsentReader consents, Recommender recommender, TimeProvider time)
{
    public ServedList Read(string userId)
    {
        if (!consents.AllowsPersonalisation(userId))
        {
            return new ServedList(recommender.Recommend(userId, profile: null, queries.Inputs, time.GetUtcNow().ToUnixTimeMilliseconds()), ColdStart: true);
        }

        if (queries.Recommendations(userId) is { Items.Count: > 0 } stored)
        {
            // A list stored for a user the topology knew nothing about (e.g. after a refresh) is a cold start too.
            return new ServedList(stored, ColdStart: stored.UserClass == UserClass.ColdStart);
        }

        // A known user whose first list is still pending gets it computed from the profile, not a cold start.
        var profile = queries.Profile(userId);
        var list = recommender.Recommend(userId, profile, queries.Inputs, time.GetUtcNow().ToUnixTimeMilliseconds());
        return new ServedList(list, ColdStart: profile is null || list.UserClass == UserClass.ColdStart);
    }
}
