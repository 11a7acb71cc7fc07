using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>Store names the recommendation processor reads and writes; without <paramref name="Models"/> no trained model blends in.</summary>
public sealed record RecommendationStores(string Profiles, string DirtyUsers, string Recommendations, string Catalog, string ItemStats, string? Models = null);

/// <summary>
/// Keeps every user's top-N fresh. A wall-clock punctuator (every
/// <see cref="Options.RecommenderOptions.RecomputeInterval"/>, 250 ms by default) recomputes the users the
/// profile processor marked dirty; a <see cref="RefreshRequest"/> record recomputes its user at once.
/// A list is stored and forwarded (to recommendation-updated) only when what a reader sees changed: its item
/// ids or their order, an item's source or explanation, the user's class (and so the strategy) or the model
/// version. Scores alone do not count, so score jitter does not flood downstream consumers or the changelog.
/// Reasons do: a user who crosses a class threshold with the same items (a New user's content-led list
/// becoming a Casual user's co-visitation list) must not keep the superseded strategy and explanations
/// until the items next change. The update carries the ids it replaces and its trigger, and its generation
/// time never goes backwards for a user (consumers use it as the version). A first list that comes out
/// empty is not published: the user stays dirty for <see cref="RecommenderOptions.EmptyListRetryWindow"/>,
/// since item popularity is usually just arriving.
/// When the serving model version changes (<see cref="ActiveModel"/>), every user of the task is marked
/// dirty, so a promotion or rollback reaches the stored lists at the next punctuation (the next catch-up pass for
/// users without recent events, see below); a list is built with the pinned version's recommender
/// (<see cref="ServingRecommenders"/>: a config version's own settings).
/// A dirty user whose latest event is older than <see cref="RecommenderOptions.CatchUpEventAge"/> waits for the
/// next catch-up pass (every <see cref="RecommenderOptions.CatchUpRecomputeInterval"/>): working off a backlog, a
/// user's further events then cost one recompute instead of one each. It stays marked dirty meanwhile, so a
/// crash loses nothing.
/// </summary>
public sealed class RecommendationProcessor(
    RecommendationStores stores,
    Recommender recommender,
    TrendingIndex trending,
    ItemReadCache cache,
    RecommenderOptions options,
    StreamCounters counters,
    ActiveModel? active = null,
    ServingRecommenders? versions = null)
    : IProcessor<string, RefreshRequest, string, RecommendationUpdate>
{
    private IProcessorContext<string, RecommendationUpdate>? _context;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private IKeyValueStore<string, long>? _dirty;
    private IKeyValueStore<string, RecommendationList>? _lists;
    private StoreRecommendationInputs? _inputs;
    private IKeyValueStore<string, ModelRecord>? _models;
    private Func<string, ModelVersion?>? _findManifest;
    private ICancellable? _punctuator;
    private string? _servedVersion;
    private long _lastCatchUpPassMs;
    private long _awaitingCatchUp;

    public void Init(IProcessorContext<string, RecommendationUpdate> context)
    {
        _context = context;
        _profiles = context.GetStateStore<IKeyValueStore<string, UserProfile>>(stores.Profiles);
        _dirty = context.GetStateStore<IKeyValueStore<string, long>>(stores.DirtyUsers);
        _lists = context.GetStateStore<IKeyValueStore<string, RecommendationList>>(stores.Recommendations);
        _models = stores.Models is { } models && active is not null ? context.GetStateStore<IKeyValueStore<string, ModelRecord>>(models) : null;
        _inputs = new StoreRecommendationInputs(
            context.GetStateStore<IKeyValueStore<string, CatalogItem>>(stores.Catalog),
            context.GetStateStore<IKeyValueStore<string, ItemStats>>(stores.ItemStats),
            trending,
            cache,
            _models is not null ? new TrainedNeighbours(_models, active!, options.ItemReadCacheCapacity) : null);
        _findManifest = FindManifest;
        _servedVersion = active?.VersionId;
        _punctuator = context.Schedule(options.RecomputeInterval, PunctuationType.WallClockTime, RecomputeDirty);
    }

    public void Process(Record<string, RefreshRequest> record)
    {
        var nowMs = _context!.CurrentSystemTimeMs;
        Recompute(record.Value.UserId, nowMs, dirtySinceMs: nowMs, RecomputeTrigger.Refresh);
    }

    public void Close()
    {
        _punctuator?.Cancel();
        counters.UsersAwaitingCatchUpChanged(-_awaitingCatchUp);
        _awaitingCatchUp = 0;
    }

    private void RecomputeDirty(long nowMs)
    {
        MarkAllDirtyIfModelChanged(nowMs);
        var catchUpPass = nowMs - _lastCatchUpPassMs >= options.CatchUpRecomputeInterval.TotalMilliseconds;
        if (catchUpPass)
        {
            _lastCatchUpPassMs = nowMs;
        }

        var users = new List<KeyValuePair<string, long>>();
        using (var all = _dirty!.All())
        {
            while (all.MoveNext())
            {
                users.Add(all.Current);
            }
        }

        var awaiting = 0L;
        foreach (var (userId, dirtySinceMs) in users)
        {
            if (!Recompute(userId, nowMs, dirtySinceMs, RecomputeTrigger.Punctuation, leaveCatchingUp: !catchUpPass))
            {
                awaiting++;
            }
        }

        counters.UsersAwaitingCatchUpChanged(awaiting - _awaitingCatchUp);
        _awaitingCatchUp = awaiting;
    }

    private void MarkAllDirtyIfModelChanged(long nowMs)
    {
        var version = active?.VersionId;
        if (string.Equals(version, _servedVersion, StringComparison.Ordinal))
        {
            return;
        }

        _servedVersion = version;
        var users = new List<string>();
        using (var all = _profiles!.All())
        {
            while (all.MoveNext())
            {
                users.Add(all.Current.Key);
            }
        }

        foreach (var userId in users)
        {
            _dirty!.Put(userId, nowMs);
        }
    }

    /// <returns>False when the user was left dirty for the next catch-up pass.</returns>
    private bool Recompute(string userId, long nowMs, long dirtySinceMs, RecomputeTrigger trigger, bool leaveCatchingUp = false)
    {
        var profile = _profiles!.Get(userId);
        if (leaveCatchingUp && profile is not null && nowMs - profile.LastEngagementMs > options.CatchUpEventAge.TotalMilliseconds)
        {
            return false;
        }

        _dirty!.Delete(userId);
        counters.ListRecomputed();
        var previous = _lists!.Get(userId);
        _inputs!.PinModelVersion();
        var list = RecommenderFor(_inputs.ModelVersion).Recommend(userId, profile, _inputs, nowMs);
        if (list.Items.Count == 0 && (previous is null || previous.Items.Count == 0)
            && nowMs - dirtySinceMs < options.EmptyListRetryWindow.TotalMilliseconds)
        {
            // An empty list would stand until the user's next event; popularity arrives within seconds.
            _dirty.Put(userId, dirtySinceMs);
            return true;
        }

        if (list.ReadsTheSameAs(previous))
        {
            return true;
        }

        // The wall clock can step back (NTP, another instance after a rebalance); the version must not.
        if (previous is not null && list.GeneratedAtMs <= previous.GeneratedAtMs)
        {
            list = list with { GeneratedAtMs = previous.GeneratedAtMs + 1 };
        }

        _lists!.Put(userId, list);
        counters.RecommendationEmitted(trigger == RecomputeTrigger.Punctuation && profile is not null ? nowMs - profile.LastEngagementMs : null);
        var update = new RecommendationUpdate(list, previous?.Items.Select(i => i.ItemId).ToList() ?? [], trigger);
        _context!.Forward(new Record<string, RecommendationUpdate>(userId, update, nowMs));
        return true;
    }

    private Recommender RecommenderFor(string? modelVersion) =>
        versions is null || _models is null ? recommender : versions.For(modelVersion, _findManifest!);

    private ModelVersion? FindManifest(string versionId) =>
        (_models!.Get(ModelRecordKeys.Manifest(versionId)) as ModelManifestRecord)?.Version;
}
