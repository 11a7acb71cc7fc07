using System.Collections.Concurrent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Recommending;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>A user's list, whether it was computed on the spot for a user the stores do not know, and the user's experiment variant (null outside any).</summary>
public sealed record ServedList(RecommendationList List, bool ColdStart, ExperimentAssignment? Assignment = null);

/// <summary>
/// Serves the stored list; when there is none yet, or it is empty (computed before any item popularity
/// had arrived, e.g. right after a start), computes one now with the same recommender the topology uses
/// (a null profile gives the cold-start list), so a user never sees an empty page while items exist.
/// A user without consent to personalisation gets that non-personalised list whatever the stores hold, and
/// takes part in no experiment (variants differ in how they personalise). A user in an experiment variant with
/// its own recommender settings or model version gets a list computed now from their profile with those
/// (the stored list is the default configuration's, with the active model). A list computed here is built with
/// the recommender of the model version it blends (a config version's own settings), as the topology's are.
/// </summary>
public sealed class RecommendationReader(
    IRecommendationQueries queries,
    IConsentReader consents,
    Recommender recommender,
    ExperimentCatalog experiments,
    RecoTopologyOptions options,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<VariantRecommenderSettings, Recommender> _variantRecommenders = new();

    public ServedList Read(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!consents.AllowsPersonalisation(userId))
        {
            var trending = queries.Inputs;
            return new ServedList(queries.RecommenderFor(trending, recommender).Recommend(userId, profile: null, trending, now), ColdStart: true);
        }

        var assignment = experiments.Assign(userId, now);
        if (assignment?.Variant is { } variant && (variant.Recommender is not null || variant.ModelVersion is not null))
        {
            var inputs = variant.ModelVersion is { } version ? queries.InputsForModel(version) : queries.Inputs;
            var variantRecommender = variant.Recommender is { } settings
                ? _variantRecommenders.GetOrAdd(settings, s => new Recommender(s.ApplyTo(options.Recommender), options.Affinity, options.UserClasses))
                : queries.RecommenderFor(inputs, recommender);
            var variantProfile = queries.Profile(userId);
            var variantList = variantRecommender.Recommend(userId, variantProfile, inputs, now);
            return new ServedList(variantList, ColdStart: variantProfile is null || variantList.UserClass == UserClass.ColdStart, assignment);
        }

        if (queries.Recommendations(userId) is { Items.Count: > 0 } stored)
        {
            // A list stored for a user the topology knew nothing about (e.g. after a refresh) is a cold start too.
            return new ServedList(stored, ColdStart: stored.UserClass == UserClass.ColdStart, assignment);
        }

        // A known user whose first list is still pending gets it computed from the profile, not a cold start.
        var profile = queries.Profile(userId);
        var served = queries.Inputs;
        var list = queries.RecommenderFor(served, recommender).Recommend(userId, profile, served, now);
        return new ServedList(list, ColdStart: profile is null || list.UserClass == UserClass.ColdStart, assignment);
    }
}
