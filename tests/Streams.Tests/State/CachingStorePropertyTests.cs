using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The cache must be invisible to readers: a cached, logged store behaves like a plain sorted map, and
/// after a flush its changelog (last value per key) describes exactly the same map.
/// </summary>
public sealed class CachingStorePropertyTests
{
    private static readonly Gen<string> KeyGen = Gen.Elements("a", "ab", "b", "ba", "c", "d", "e", "f");

    private static readonly Gen<(int Kind, string Key, string Key2, long Value)> OpGen =
        from kind in Gen.Choose(0, 5)
        from key in KeyGen
        from key2 in KeyGen
        from value in Gen.Choose(0, 100)
        select (kind, key, key2, (long)value);

    [Fact]
    public void Cached_logged_store_reads_like_a_sorted_map_and_its_changelog_replays_to_the_same_map()
    {
        var property = Prop.ForAll(OpGen.ArrayOf().ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops, int cacheBytes) =>
        {
            var context = new RecordingStoreContext(cacheBytes);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("p"), Serdes.String, Serdes.Long).WithCachingEnabled().Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
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
                    default:
                        store.Flush();
                        break;
                }
            }

            store.Flush();
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

            return Drain(store.All()).SequenceEqual(model) && replayed.SequenceEqual(model);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
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
