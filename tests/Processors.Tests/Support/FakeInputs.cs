using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Tests.Support;

/// <summary>Dictionary-backed recommender inputs for hand-made scenarios.</summary>
internal sealed class FakeInputs : IRecommendationInputs
{
    public Dictionary<string, CatalogItem> Catalog { get; } = [];

    public Dictionary<string, ItemStats> Stats { get; } = [];

    public TrendingIndex Trending { get; } = new(100, TimeSpan.FromDays(1));

    /// <summary>The serving trained model's neighbour lists (empty: no model serves).</summary>
    public Dictionary<string, IReadOnlyList<Neighbour>> Trained { get; } = [];

    public string? ModelVersion { get; set; }

    public IReadOnlyList<Neighbour> FindTrainedNeighbours(string itemId) => Trained.GetValueOrDefault(itemId) ?? [];

    public CatalogItem? FindItem(string itemId) => Catalog.GetValueOrDefault(itemId);

    public ItemStats? FindStats(string itemId) => Stats.GetValueOrDefault(itemId);

    /// <summary>Adds an item to the catalog and the trending index (overall, its genres and creators).</summary>
    public FakeInputs Add(CatalogItem item, double popularity)
    {
        Catalog[item.ItemId] = item;
        Trending.Update(item.ItemId, popularity, 0, [.. item.Genres.Select(TrendingIndex.Genre), .. item.Creators.Select(TrendingIndex.Creator)]);
        return this;
    }

    public FakeInputs Neighbours(string itemId, params (string Id, double Similarity)[] neighbours)
    {
        Stats[itemId] = new ItemStats(itemId, 0, [], 1, 1, [.. neighbours.Select(n => new Neighbour(n.Id, n.Similarity, 1))], []);
        return this;
    }
}
