using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Tests.Properties;

/// <summary>One step of a random window store workload; applying it returns what the caller observed.</summary>
internal sealed record WindowOperation(string Kind, byte[]? Key, byte[]? Value, long From, long To)
{
    // Starts from below zero (negative segments) to well past several retention periods (100 ms).
    private static readonly Gen<long> Time = Gen.Choose(-60, 400).Select(t => (long)t);

    public static Gen<WindowOperation> Generator { get; } = Gen.Frequency(
        (8, StoreGenerators.Key.SelectMany(k => StoreGenerators.OptionalValue, (k, v) => (k, v))
            .SelectMany(kv => Time, (kv, t) => new WindowOperation("put", kv.k, kv.v, t, t))),
        (3, StoreGenerators.Key.SelectMany(k => Time, (k, t) => new WindowOperation("fetch", k, null, t, t))),
        (3, StoreGenerators.Key.SelectMany(k => Time.Two(), (k, range) => new WindowOperation("fetchRange", k, null, range.Item1, range.Item2))),
        (2, Time.Two().Select(range => new WindowOperation("fetchAll", null, null, range.Item1, range.Item2))),
        (1, Gen.Constant(new WindowOperation("all", null, null, 0, 0))));

    public string Apply(IWindowBytesStore store) => Kind switch
    {
        "put" => Put(store),
        "fetch" => StoreGenerators.Hex(store.Fetch(Bytes.Wrap(Key!), From)),
        "fetchRange" => Render(store.Fetch(Bytes.Wrap(Key!), From, To), e => $"{e.Key}={StoreGenerators.Hex(e.Value)}", ordered: true),
        "fetchAll" => Render(store.FetchAll(From, To), RenderWindowed, ordered: false),
        "all" => Render(store.All(), RenderWindowed, ordered: false),
        _ => throw new InvalidOperationException($"Unknown operation '{Kind}'."),
    };

    public override string ToString() => Kind switch
    {
        "put" => $"put({StoreGenerators.Hex(Key)}@{From}={StoreGenerators.Hex(Value)})",
        "fetch" => $"fetch({StoreGenerators.Hex(Key)}@{From})",
        _ => $"{Kind}({StoreGenerators.Hex(Key)} {From}..{To})",
    };

    private string Put(IWindowBytesStore store)
    {
        store.Put(Bytes.Wrap(Key!), Value, From);
        return "ok";
    }

    private static string RenderWindowed(KeyValuePair<Windowed<Bytes>, byte[]> entry) =>
        $"{entry.Key.StartMs}:{entry.Key.EndMs}:{entry.Key.Key}={StoreGenerators.Hex(entry.Value)}";

    // FetchAll promises no order across keys (the in-memory store orders by time, RocksDB by segment then
    // key), so those results compare as sorted sets; a single key's fetch must be oldest first in both.
    private static string Render<TKey>(IKeyValueIterator<TKey, byte[]> iterator, Func<KeyValuePair<TKey, byte[]>, string> render, bool ordered)
    {
        using (iterator)
        {
            var entries = new List<string>();
            while (iterator.MoveNext())
            {
                entries.Add(render(iterator.Current));
            }

            return string.Join(",", ordered ? entries : entries.Order(StringComparer.Ordinal));
        }
    }
}
