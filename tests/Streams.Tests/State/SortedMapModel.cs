using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The model the store layer property tests hold a store to: a sorted map of string keys to longs, driven by
/// random operations (put, delete, get, range). Operation kinds at or above <see cref="StoreKinds"/> are the
/// caller's own (a flush, a commit).
/// </summary>
internal static class SortedMapModel
{
    public const int StoreKinds = 5;

    private static readonly Gen<string> KeyGen = Gen.Elements("a", "ab", "b", "ba", "c", "d", "e", "f");

    /// <summary>Operations with kinds 0 to <paramref name="maxKind"/>; 0 and 1 are both puts, so writes dominate.</summary>
    public static Gen<(int Kind, string Key, string Key2, long Value)> Operations(int maxKind) =>
        from kind in Gen.Choose(0, maxKind)
        from key in KeyGen
        from key2 in KeyGen
        from value in Gen.Choose(0, 100)
        select (kind, key, key2, (long)value);

    /// <summary>Applies a put, delete, get or range to both; false when the store disagrees with the model.</summary>
    public static bool Apply(IKeyValueStore<string, long> store, SortedDictionary<string, long> model, (int Kind, string Key, string Key2, long Value) op)
    {
        var (kind, key, key2, value) = op;
        switch (kind)
        {
            case 0 or 1:
                store.Put(key, value);
                model[key] = value;
                return true;
            case 2:
                return store.Delete(key) == model.Remove(key);
            case 3:
                return store.TryGet(key, out var got) == model.TryGetValue(key, out var expected) && got == expected;
            case 4:
                var (from, to) = string.CompareOrdinal(key, key2) <= 0 ? (key, key2) : (key2, key);
                return Drain(store.Range(from, to)).SequenceEqual(model.Where(e => string.CompareOrdinal(e.Key, from) >= 0 && string.CompareOrdinal(e.Key, to) <= 0));
            default:
                throw new ArgumentOutOfRangeException(nameof(op), kind, "Not a store operation.");
        }
    }

    /// <summary>The map a changelog describes: the last value per key, tombstones removing it.</summary>
    public static SortedDictionary<string, long> Replay(IEnumerable<(string Store, byte[] Key, byte[]? Value, long Timestamp)> logged)
    {
        var replayed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, key, value, _) in logged)
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

    public static List<KeyValuePair<string, long>> Drain(IKeyValueIterator<string, long> iterator)
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
