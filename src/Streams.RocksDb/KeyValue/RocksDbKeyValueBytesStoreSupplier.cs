using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.KeyValue;

/// <summary>Makes one <see cref="RocksDbKeyValueBytesStore"/> per task, all with the same options.</summary>
public sealed class RocksDbKeyValueBytesStoreSupplier : IKeyValueBytesStoreSupplier
{
    public RocksDbKeyValueBytesStoreSupplier(string name, RocksDbOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public RocksDbOptions Options { get; }

    public IKeyValueBytesStore Get() => new RocksDbKeyValueBytesStore(Name, Options);
}
