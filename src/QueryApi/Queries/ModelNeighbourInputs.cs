using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// The global tables' inputs plus one model version's trained neighbours, so a list computed on the read
/// path blends the same neighbours as the topology's (the active version) or those of an experiment
/// variant's version. One per request: <see cref="TrainedNeighbours"/> caches without locking.
/// </summary>
internal sealed class ModelNeighbourInputs(IRecommendationInputs tables, TrainedNeighbours trained) : IRecommendationInputs
{
    public TrendingIndex Trending => tables.Trending;

    public string? ModelVersion => trained.VersionId;

    public CatalogItem? FindItem(string itemId) => tables.FindItem(itemId);

    public ItemStats? FindStats(string itemId) => tables.FindStats(itemId);

    public IReadOnlyList<Neighbour> FindTrainedNeighbours(string itemId) => trained.Of(itemId);
}
