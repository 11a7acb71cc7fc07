using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// Deferring writes to the commit must be invisible to readers (the store reads like a sorted map at every
/// step), nothing may reach the changelog between commits, and at each commit the changelog (last value per
/// key) must describe exactly the map as it was then.
/// </summary>
public sealed class CommitDeferredStorePropertyTests
{
    private static readonly Gen<string> KeyGen = Gen.Elements("a", "ab", "b", "ba", "c", "d", "e", "f");

    private static readonly Gen<(int Kind, string Key, string Key2, long Value)> OpGen =
        from kind in Gen.Choose(0, 6)
        from key in KeyGen
        from key2 in KeyGen
        from value in Gen.Choose(0, 100)
        select (kind, key, key2, (long)value);

    [Fact]
    public void Deferred_logged_store_reads_like_a_sorted_map_and_logs_only_at_commit()
    {
        var property = Prop.ForAll(OpGen.ArrayOf().ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops) =>
        {
            var context = new RecordingStoreContext(0);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, Serdes.Long).WithWritesDeferredToCommit().Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var loggedAtLastCommit = 0;
            foreach (var (kind, key, key2, value) in ops)
            {
                switch (kind)
                {
                    case 0 or 1:
                        store.Put(key, value);
                        model[key] = value;
                        break;
                    case 2:
                        if (store.Delete(key) != model.Remove(key))
                        {
                            return false;
                        }

                        break;
                    case 3:
                        if (store.TryGet(key, out var got) != model.TryGetValue(key, out var expected) || got != expected)
                        {
                            return false;
                        }

                        break;
                    case 4:
                        var (from, to) = string.CompareOrdinal(key, key2) <= 0 ? (key, key2) : (key2, key);
                        if (!Drain(store.Range(from, to)).SequenceEqual(model.Where(e => string.CompareOrdinal(e.Key, from) >= 0 && string.CompareOrdinal(e.Key, to) <= 0)))
                        {
                            return false;
                        }

                        break;
                    case 5:
                        store.Flush();
                        if (context.Logged.Count != loggedAtLastCommit)
                        {
                            return false;
                        }

                        break;
                    default:
                        context.Commit();
                        loggedAtLastCommit = context.Logged.Count;
                        if (!Replay(context).SequenceEqual(model))
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
    public void Held_writes_stay_above_the_store_and_out_of_the_changelog_until_a_commit()
    {
        var context = new RecordingStoreContext(0);
        var inner = Stores.InMemoryKeyValueStore("d").Get();
        var store = new Streams.State.Internals.CommitDeferredKeyValueBytesStore(inner);
        store.Init(context);
        store.Put(Bytes.Wrap("held"u8.ToArray()), [1]);
        Assert.Null(inner.Get(Bytes.Wrap("held"u8.ToArray())));

        store.Close();

        Assert.Empty(context.Logged);
    }

    private static SortedDictionary<string, long> Replay(RecordingStoreContext context)
    {
        var replayed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, key, value, _) in context.Logged)
        {
            var text = System.Text.Encoding.UTF8.GetString(key);
            if (value is null)
            {
                replayed.Remove(text);
            }
            else
            {
                replayed[text] = Serdes.Long.Deserialize(value, default);
            }
        }

        return replayed;
    }

    private static List<KeyValuePair<string, long>> Drain(IKeyValueIterator<string, long> iterator)
    {
        using (iterator)
        {
            var entries = new List<KeyValuePair<string, long>>();
            while (iterator.MoveNext())
            {
                entries.Add(iterator.Current);
            }

            return entries;
        }
    }
}
