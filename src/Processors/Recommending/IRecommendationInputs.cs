using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// What the recommender reads besides the profile: the catalog and item-stats tables and the trending
/// index, and the serving trained model's neighbours. Processors adapt their stores to it; the offline
/// replay uses dictionaries.
/// </summary>
public interface IRecommendationInputs
{
    CatalogItem? FindItem(string itemId);

    ItemStats? FindStats(string itemId);

    /// <summary>The version <see cref="FindItem"/>'s answers follow, so a thread may keep them between lists; null when it may not.</summary>
    ICatalogVersion? Catalog => null;

    TrendingIndex Trending { get; }

    /// <summary>The serving model version, named by every list built from these inputs; null when none was activated.</summary>
    string? ModelVersion => null;

    /// <summary>The serving model's trained neighbours of <paramref name="itemId"/>, most similar first; empty without one.</summary>
    IReadOnlyList<Neighbour> FindTrainedNeighbours(string itemId) => [];
}
