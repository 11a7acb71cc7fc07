using RecoStreams.Hosting.Http;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>
/// Interactive queries over dictionaries, for endpoint tests that need no broker. Users listed in
/// <see cref="NotLocal"/> (or everyone while <see cref="Rebalancing"/>) answer 503 like a remote partition.
/// </summary>
internal sealed class InMemoryRecommendationQueries : IRecommendationQueries, IRecommendationInputs
{
    public Dictionary<string, RecommendationList> Lists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UserProfile> Profiles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CatalogItem> Catalog { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ItemStats> Stats { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NotLocal { get; } = new(StringComparer.Ordinal);

    public bool Rebalancing { get; set; }

    public TrendingIndex Trending { get; } = new(100, TimeSpan.FromHours(6));

    public IRecommendationInputs Inputs
    {
        get
        {
            ThrowIfRebalancing();
            return this;
        }
    }

    /// <summary>A variant's model version: the same tables, naming the version (no trained neighbours here).</summary>
    public IRecommendationInputs InputsForModel(string modelVersion)
    {
        ThrowIfRebalancing();
        return new VersionedInputs(this, modelVersion);
    }

    public RecommendationList? Recommendations(string userId)
    {
        ThrowIfNotLocal(userId);
        return Lists.GetValueOrDefault(userId);
    }

    public UserProfile? Profile(string userId)
    {
        ThrowIfNotLocal(userId);
        return Profiles.GetValueOrDefault(userId);
    }

    public IReadOnlyList<string> LocalUserIds()
    {
        ThrowIfRebalancing();
        return [.. Profiles.Keys.Order(StringComparer.Ordinal)];
    }

    public CatalogItem? FindItem(string itemId) => Catalog.GetValueOrDefault(itemId);

    public ItemStats? FindStats(string itemId) => Stats.GetValueOrDefault(itemId);

    private void ThrowIfNotLocal(string userId)
    {
        ThrowIfRebalancing();
        if (NotLocal.Contains(userId))
        {
            throw new ServiceUnavailableException("Partition 1 is not hosted by this instance right now; retry shortly.", TimeSpan.FromSeconds(2));
        }
    }

    private void ThrowIfRebalancing()
    {
        if (Rebalancing)
        {
            throw new ServiceUnavailableException("State stores are not queryable while the application is Rebalancing.", TimeSpan.FromSeconds(2));
        }
    }

    private sealed class VersionedInputs(InMemoryRecommendationQueries tables, string version) : IRecommendationInputs
    {
        public TrendingIndex Trending => tables.Trending;

        public string? ModelVersion => version;

        public CatalogItem? FindItem(string itemId) => tables.FindItem(itemId);

        public ItemStats? FindStats(string itemId) => tables.FindStats(itemId);
    }
}
