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
/// profile → item side → recommender) without Kafka: one process, dictionaries for stores. As in the
/// topology, the trending index follows every signal and an item's stats are rebuilt when it changed
/// since they were last read (the punctuator publishes changed items), so a recommendation made at time
/// t sees the state at t. Hopping-window counts are not kept: the recommender does not read them.
/// </summary>
public sealed class OfflineReplay : IRecommendationInputs, ICatalogVersion
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
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
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

    // The catalog is set once, at construction.
    public ICatalogVersion? Catalog => this;

    long ICatalogVersion.CatalogVersion => 0;

    public ItemStats? FindStats(string itemId)
    {
        if (_changed.Remove(itemId) && _aggregates.TryGetValue(itemId, out var aggregate))
        {
            var now = _clockMs;
            var neighbours = _items.Neighbours(aggregate, other => _aggregates.TryGetValue(other, out var a) ? _items.CountAt(a, now) : null, now);
            _stats[itemId] = _items.BuildStats(aggregate, [], neighbours, now);
        }

        return _stats.GetValueOrDefault(itemId);
    }

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
            var aggregate = Aggregate(e.ItemId);
            _items.ApplySignal(aggregate, update.Signal);
            if (update.Weight > 0)
            {
                Trending.Update(item.ItemId, _items.PopularityAt(aggregate, _clockMs), _clockMs, Facets(item));
            }

            foreach (var pair in update.Pairs)
            {
                _items.ApplyPair(Aggregate(pair.ItemId), pair);
                _changed.Add(pair.ItemId);
            }

            _changed.Add(e.ItemId);
        }
    }

    public RecommendationList Recommend(string userId) => Recommend(userId, _recommender);

    /// <summary>
    /// The list <paramref name="recommender"/> builds from this state at the user's last event. Recommender
    /// settings do not change what is ingested, so one replay serves every recommender setting.
    /// </summary>
    public RecommendationList Recommend(string userId, Recommender recommender)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var profile = _users.GetValueOrDefault(userId);
        var now = profile?.LastEngagementMs ?? _clockMs;
        return recommender.Recommend(userId, profile, this, now);
    }

    /// <summary>Builds every changed item's stats now, so that parallel readers afterwards only read.</summary>
    public void BuildAllStats()
    {
        foreach (var itemId in _changed.ToList())
        {
            FindStats(itemId);
        }
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
