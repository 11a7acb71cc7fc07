using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb;

/// <summary>Suppliers of RocksDB-backed stores, after Kafka Streams' <c>Stores.persistent*</c> factories.</summary>
public static class RocksDbStores
{
    public static IKeyValueBytesStoreSupplier PersistentKeyValueStore(string name, RocksDbOptions? options = null) =>
        new RocksDbKeyValueBytesStoreSupplier(name, options ?? RocksDbOptions.Default);
}
