using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Tests.State.SortedMapModel;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The cache must be invisible to readers: a cached, logged store behaves like a plain sorted map, and
/// after a flush its changelog (last value per key) describes exactly the same map.
/// </summary>
public sealed class CachingStorePropertyTests
{
    private const int Flush = StoreKinds;

    [Fact]
    public void Cached_logged_store_reads_like_a_sorted_map_and_its_changelog_replays_to_the_same_map()
    {
        var property = Prop.ForAll(Operations(Flush).ArrayOf().ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops, int cacheBytes) =>
        {
            var context = new RecordingStoreContext(cacheBytes);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("p"), Serdes.String, Serdes.Long).WithCachingEnabled().Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var op in ops)
            {
                if (op.Kind == Flush)
                {
                    store.Flush();
                }
                else if (!Apply(store, model, op))
                {
                    return false;
                }
            }

            store.Flush();
            return Drain(store.All()).SequenceEqual(model) && Replay(context.Logged).SequenceEqual(model);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
