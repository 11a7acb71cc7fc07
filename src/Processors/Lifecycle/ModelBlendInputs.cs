using System.Collections.Concurrent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// Offline inputs with a trained model blended in as the topology would serve it: each item's top
/// <paramref name="neighboursPerItem"/> neighbours, as published. Without a model, the streaming recommender alone.
/// Each item's published list is built once per instance: a list reads it once per seed, and users share seeds.
/// </summary>
public sealed class ModelBlendInputs(IRecommendationInputs inner, ItemNeighbourModel? model, int neighboursPerItem) : IRecommendationInputs
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<Neighbour>> _published = new(StringComparer.Ordinal);

    public TrendingIndex Trending => inner.Trending;

    public CatalogItem? FindItem(string itemId) => inner.FindItem(itemId);

    public ItemStats? FindStats(string itemId) => inner.FindStats(itemId);

    public IReadOnlyList<Neighbour> FindTrainedNeighbours(string itemId) =>
        model is null ? [] : _published.GetOrAdd(itemId, static (item, self) => Published(self.model, item, self.neighboursPerItem), (model, neighboursPerItem));

    /// <summary>A version's artefact: one record per item that has neighbours, each list as published.</summary>
    public static IReadOnlyList<ModelNeighboursRecord> Artefact(string versionId, ItemNeighbourModel model, int neighboursPerItem)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Items
            .Select(item => new ModelNeighboursRecord(versionId, item, Published(model, item, neighboursPerItem)))
            .Where(r => r.Neighbours.Count > 0)];
    }

    /// <summary>The neighbour list of <paramref name="itemId"/> as the artefact publishes it.</summary>
    public static IReadOnlyList<Neighbour> Published(ItemNeighbourModel model, string itemId, int neighboursPerItem) =>
        [.. model.NeighboursOf(itemId).Take(neighboursPerItem).Select(n => new Neighbour(n.ItemId, n.Score, 0))];
}
