using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Internals;
using Xunit;
using static RecoStreams.Streams.Tests.State.SortedMapModel;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The in-memory mirror must read exactly like the store it mirrors: a sorted map at every step, including
/// what was in the store before the mirror's first write (a restored store), and with deferred writes below
/// it the changelog still gets nothing between commits and the whole map at each one.
/// </summary>
public sealed class InMemoryMirroredStorePropertyTests
{
    private const int PrefixScan = StoreKinds;
    private const int Commit = StoreKinds + 1;

    [Fact]
    public void Mirrored_deferred_store_reads_like_a_sorted_map_and_logs_only_at_commit()
    {
        var property = Prop.ForAll(Operations(Commit).ArrayOf().ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops) =>
        {
            var context = new RecordingStoreContext(0);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("m"), Serdes.String, Serdes.Long)
                .WithWritesDeferredToCommit().WithContentsMirroredInMemory().Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var loggedAtLastCommit = 0;
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case PrefixScan:
                        if (!PrefixScanAgrees(store, model, op.Key))
                        {
                            return false;
                        }

                        break;
                    case Commit:
                        if (context.Logged.Count != loggedAtLastCommit)
                        {
                            return false;
                        }

                        context.Commit();
                        loggedAtLastCommit = context.Logged.Count;
                        if (!Replay(context.Logged).SequenceEqual(model))
                        {
                            return false;
                        }

                        break;
                    default:
                        if (!Apply(store, model, op))
                        {
                            return false;
                        }

                        break;
                }
            }

            return Drain(store.All()).SequenceEqual(model);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Mirror_of_a_store_with_contents_reads_those_contents_before_and_after_its_first_write()
    {
        var entry = from key in Gen.Elements("a", "ab", "b", "ba", "c", "d", "e", "f") from value in Gen.Choose(0, 100) select (key, (long)value);
        var property = Prop.ForAll(
            entry.ArrayOf().ToArbitrary(),
            Operations(PrefixScan).ArrayOf().ToArbitrary(),
            ((string Key, long Value)[] restored, (int Kind, string Key, string Key2, long Value)[] ops) =>
            {
                var below = Stores.InMemoryKeyValueStore("m").Get();
                below.Init(new RecordingStoreContext(0));
                var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
                foreach (var (key, value) in restored)
                {
                    // Restoration writes to the bottom layer, under every layer above it.
                    below.Put(Bytes.Wrap(System.Text.Encoding.UTF8.GetBytes(key)), Serdes.Long.Serialize(value, default));
                    model[key] = value;
                }

                var store = new SerdeKeyValueStore<string, long>(new InMemoryMirroredKeyValueBytesStore(below), Serdes.String, Serdes.Long);
                foreach (var op in ops)
                {
                    var agrees = op.Kind == PrefixScan ? PrefixScanAgrees(store, model, op.Key) : Apply(store, model, op);
                    if (!agrees || !Drain(store.All()).SequenceEqual(model))
                    {
                        return false;
                    }
                }

                return true;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Scan_is_a_snapshot_that_writes_during_iteration_do_not_change()
    {
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("m"), Serdes.String, Serdes.Long).WithContentsMirroredInMemory().Build();
        store.Init(new RecordingStoreContext(0));
        store.Put("a", 1);
        store.Put("b", 2);

        var seen = new List<string>();
        using (var all = store.All())
        {
            while (all.MoveNext())
            {
                seen.Add(all.Current.Key);
                store.Delete(all.Current.Key);
                store.Put("c", 3);
            }
        }

        Assert.Equal(["a", "b"], seen);
        Assert.Equal([new KeyValuePair<string, long>("c", 3)], Drain(store.All()));
    }

    private static bool PrefixScanAgrees(IKeyValueStore<string, long> store, SortedDictionary<string, long> model, string prefix) =>
        Drain(store.PrefixScan(prefix, Serdes.String)).SequenceEqual(model.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)));
}
