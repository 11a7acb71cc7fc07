using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Interactive queries over the running application's state stores. Every read either answers from the
/// store that owns the key or throws <see cref="RecoStreams.Hosting.Http.ServiceUnavailableException"/> (a 503 with
/// Retry-After): an instance that does not own a key, or is restoring, must never answer "not found".
/// </summary>
public interface IRecommendationQueries
{
    /// <summary>Catalog, item stats, trending index and the active model's neighbours (global tables, present on every instance).</summary>
    IRecommendationInputs Inputs { get; }

    /// <summary>The same inputs with <paramref name="modelVersion"/>'s trained neighbours instead of the active version's (an experiment variant's model).</summary>
    IRecommendationInputs InputsForModel(string modelVersion);

    /// <summary>
    /// The recommender for lists built with <paramref name="inputs"/>: its model version's when that is a config
    /// version (its own settings), else <paramref name="deployment"/>.
    /// </summary>
    Recommender RecommenderFor(IRecommendationInputs inputs, Recommender deployment) => deployment;

    /// <summary>The user's stored list, or null when none was computed for this user yet.</summary>
    RecommendationList? Recommendations(string userId);

    /// <summary>The user's profile, or null when the user never engaged.</summary>
    UserProfile? Profile(string userId);

    /// <summary>Every user id held in this instance's profile stores (all local partitions).</summary>
    IReadOnlyList<string> LocalUserIds();
}
