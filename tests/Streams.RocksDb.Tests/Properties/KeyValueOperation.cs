using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Tests.Properties;

/// <summary>One step of a random key-value store workload; applying it returns what the caller observed.</summary>
internal sealed record KeyValueOperation(string Kind, byte[]? Key, byte[]? Value, byte[]? Other, IReadOnlyList<KeyValuePair<byte[], byte[]?>> Batch)
{
    public static Gen<KeyValueOperation> Generator { get; } = Gen.Frequency(
        (6, StoreGenerators.Key.SelectMany(k => StoreGenerators.OptionalValue, (k, v) => Op("put", k, v))),
        (2, StoreGenerators.Key.Select(k => Op("delete", k))),
        (1, StoreGenerators.Key.SelectMany(k => StoreGenerators.OptionalValue, (k, v) => new KeyValuePair<byte[], byte[]?>(k, v)).ListOf()
            .Select(entries => new KeyValueOperation("putAll", null, null, null, [.. entries]))),
        (2, StoreGenerators.Key.Select(k => Op("get", k))),
        (2, StoreGenerators.OptionalKey.SelectMany(from => StoreGenerators.OptionalKey, (from, to) => Op("range", from, null, to))),
        (2, StoreGenerators.Key.Select(p => Op("prefix", p))),
        (1, Gen.Constant(Op("all", null))));

    public string Apply(IKeyValueBytesStore store) => Kind switch
    {
        "put" => Observe(() => store.Put(Bytes.Wrap(Key!), Value)),
        "delete" => StoreGenerators.Hex(store.Delete(Bytes.Wrap(Key!))),
        "putAll" => Observe(() => store.PutAll([.. Batch.Select(e => new KeyValuePair<Bytes, byte[]?>(Bytes.Wrap(e.Key), e.Value))])),
        "get" => StoreGenerators.Hex(store.Get(Bytes.Wrap(Key!))),
        "range" => Render(store.Range(Key is null ? null : Bytes.Wrap(Key), Other is null ? null : Bytes.Wrap(Other))),
        "prefix" => Render(store.PrefixScan(Bytes.Wrap(Key!))),
        "all" => Render(store.All()),
        _ => throw new InvalidOperationException($"Unknown operation '{Kind}'."),
    };

    public override string ToString() => Kind switch
    {
        "putAll" => $"putAll[{string.Join(", ", Batch.Select(e => $"{StoreGenerators.Hex(e.Key)}={StoreGenerators.Hex(e.Value)}"))}]",
        "range" => $"range({StoreGenerators.Hex(Key)}..{StoreGenerators.Hex(Other)})",
        _ => $"{Kind}({StoreGenerators.Hex(Key)}{(Value is null ? "" : "=" + StoreGenerators.Hex(Value))})",
    };

    private static KeyValueOperation Op(string kind, byte[]? key, byte[]? value = null, byte[]? other = null) => new(kind, key, value, other, []);

    private static string Observe(Action write)
    {
        write();
        return "ok";
    }

    private static string Render(IKeyValueIterator<Bytes, byte[]> iterator)
    {
        using (iterator)
        {
            var entries = new List<string>();
            while (iterator.MoveNext())
            {
                entries.Add($"{iterator.Current.Key}={StoreGenerators.Hex(iterator.Current.Value)}");
            }

            return string.Join(",", entries);
        }
    }
}
