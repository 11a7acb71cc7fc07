using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Validation;

namespace RecoStreams.Processors.Evaluation;

/// <summary>The tunables an offline run uses; each defaults to the production default.</summary>
public sealed class ReplayOptions
{
    public AffinityOptions Affinity { get; set; } = new();

    public CoVisitationOptions CoVisitation { get; set; } = new();

    public PopularityOptions Popularity { get; set; } = new();

    public RecommenderOptions Recommender { get; set; } = new();

    public UserClassOptions UserClasses { get; set; } = new();

    public ValidationOptions Validation { get; set; } = new();
}

/// <summary>
/// Feeds a time-ordered training log through the same domain logic the topology runs (validator →
/// profile → item side → recommender) without Kafka: one process, dictionaries for stores. Item stats
/// are published once, at the end of the log; hopping-window counts are not kept because the
/// recommender reads only the decayed popularity and neighbours.
/// </summary>
public sealed class OfflineReplay : IRecommendationInputs
{
    private readonly ReplayOptions _options;
    private readonly EngagementEventValidator _validator;
    private readonly ProfileUpdater _profiles;
    private readonly ItemAggregator _items;
    private readonly Recommender _recommender;
    private readonly Dictionary<string, CatalogItem> _catalog = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserProfile> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemAggregate> _aggregates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemStats> _stats = new(StringComparer.Ordinal);
    private long _clockMs;

    public OfflineReplay(ReplayOptions options, IEnumerable<CatalogItem> catalog)
    {
        _options = options;
        _validator = new EngagementEventValidator(options.Validation);
        _profiles = new ProfileUpdater(options.Affinity, options.CoVisitation);
        _items = new ItemAggregator(options.Popularity, options.CoVisitation);
        _recommender = new Recommender(options.Recommender, options.Affinity, options.UserClasses);
        Trending = new TrendingIndex(options.Popularity.TrendingCapacity, options.Popularity.HalfLife);
        foreach (var item in catalog)
        {
            _catalog[item.ItemId] = item;
        }
    }

    public TrendingIndex Trending { get; }

    /// <summary>Events rejected by validation or missing from the catalog.</summary>
    public int Rejected { get; private set; }

    public CatalogItem? FindItem(string itemId) => _catalog.GetValueOrDefault(itemId);

    public ItemStats? FindStats(string itemId) => _stats.GetValueOrDefault(itemId);

    public UserProfile? FindProfile(string userId) => _users.GetValueOrDefault(userId);

    /// <summary>Applies events in the order given (callers pass them sorted by time).</summary>
    public void Ingest(IEnumerable<EngagementEvent> events)
    {
        foreach (var e in events)
        {
            _clockMs = Math.Max(_clockMs, e.OccurredAtMs);
            if (!_validator.Validate(e, _clockMs).IsValid || !_catalog.TryGetValue(e.ItemId, out var item))
            {
                Rejected++;
                continue;
            }

            if (!_users.TryGetValue(e.UserId, out var profile))
            {
                _users[e.UserId] = profile = _profiles.NewProfile(e.UserId);
            }

            var update = _profiles.Apply(profile, new EnrichedEvent(e, item));
            _items.ApplySignal(Aggregate(e.ItemId), update.Signal);
            foreach (var pair in update.Pairs)
            {
                _items.ApplyPair(Aggregate(pair.ItemId), pair);
            }
        }
    }

    /// <summary>Builds every item's stats and the trending index as of the newest event seen.</summary>
    public void PublishItemStats()
    {
        var now = _clockMs;
        foreach (var aggregate in _aggregates.Values)
        {
            var neighbours = _items.Neighbours(aggregate, CountOf, now);
            var stats = _items.BuildStats(aggregate, [], neighbours, now);
            _stats[aggregate.ItemId] = stats;
            if (_catalog.TryGetValue(aggregate.ItemId, out var item))
            {
                Trending.Update(item.ItemId, stats.DecayedPopularity, now, Facets(item));
            }
        }

        double? CountOf(string itemId) => _aggregates.TryGetValue(itemId, out var a) ? _items.CountAt(a, now) : null;
    }

    public RecommendationList Recommend(string userId)
    {
        var profile = _users.GetValueOrDefault(userId);
        var now = profile?.LastEngagementMs ?? _clockMs;
        return _recommender.Recommend(userId, profile, this, now);
    }

    public static IEnumerable<string> Facets(CatalogItem item) =>
        item.Genres.Select(TrendingIndex.Genre)
            .Concat(item.Creators.Select(TrendingIndex.Creator))
            .Concat(item.Language is { } l ? [TrendingIndex.Language(l)] : []);

    private ItemAggregate Aggregate(string itemId)
    {
        if (!_aggregates.TryGetValue(itemId, out var aggregate))
        {
            _aggregates[itemId] = aggregate = new ItemAggregate(itemId);
        }

        return aggregate;
    }
}
