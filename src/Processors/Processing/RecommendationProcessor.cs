using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Recommending;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>Store names the recommendation processor reads and writes.</summary>
public sealed record RecommendationStores(string Profiles, string DirtyUsers, string Recommendations, string Catalog, string ItemStats);

/// <summary>
/// Keeps every user's top-N fresh. A wall-clock punctuator (every
/// <see cref="Options.RecommenderOptions.RecomputeInterval"/>, 1 s by default) recomputes the users the
/// profile processor marked dirty; a <see cref="RefreshRequest"/> record recomputes its user at once.
/// A list is stored and forwarded (to recommendation-updated) only when its item ids or their order
/// changed, so score jitter does not flood downstream consumers or the changelog.
/// </summary>
public sealed class RecommendationProcessor(
    RecommendationStores stores, Recommender recommender, TrendingIndex trending, TimeSpan recomputeInterval, StreamCounters counters)
    : IProcessor<string, RefreshRequest, string, RecommendationList>
{
    private IProcessorContext<string, RecommendationList>? _context;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private IKeyValueStore<string, long>? _dirty;
    private IKeyValueStore<string, RecommendationList>? _lists;
    private StoreRecommendationInputs? _inputs;
    private ICancellable? _punctuator;

    public void Init(IProcessorContext<string, RecommendationList> context)
    {
        _context = context;
        _profiles = context.GetStateStore<IKeyValueStore<string, UserProfile>>(stores.Profiles);
        _dirty = context.GetStateStore<IKeyValueStore<string, long>>(stores.DirtyUsers);
        _lists = context.GetStateStore<IKeyValueStore<string, RecommendationList>>(stores.Recommendations);
        _inputs = new StoreRecommendationInputs(
            context.GetStateStore<IKeyValueStore<string, CatalogItem>>(stores.Catalog),
            context.GetStateStore<IKeyValueStore<string, ItemStats>>(stores.ItemStats),
            trending);
        _punctuator = context.Schedule(recomputeInterval, PunctuationType.WallClockTime, RecomputeDirty);
    }

    public void Process(Record<string, RefreshRequest> record) => Recompute(record.Value.UserId, _context!.CurrentSystemTimeMs);

    public void Close() => _punctuator?.Cancel();

    private void RecomputeDirty(long nowMs)
    {
        var users = new List<string>();
        using (var all = _dirty!.All())
        {
            while (all.MoveNext())
            {
                users.Add(all.Current.Key);
            }
        }

        users.ForEach(user => Recompute(user, nowMs));
    }

    private void Recompute(string userId, long nowMs)
    {
        _dirty!.Delete(userId);
        var profile = _profiles!.Get(userId);
        var list = recommender.Recommend(userId, profile, _inputs!, nowMs);
        if (list.HasSameItemsAs(_lists!.Get(userId)))
        {
            return;
        }

        _lists!.Put(userId, list);
        counters.RecommendationEmitted();
        _context!.Forward(new Record<string, RecommendationList>(userId, list, nowMs));
    }
}
