namespace RecoStreams.Streams.State;

/// <summary>
/// Size estimates a byte store can give cheaply (RocksDB properties), read by the runtime's metrics from
/// another thread while the task writes.
/// </summary>
public interface IStateStoreSize
{
    /// <summary>Approximate number of entries.</summary>
    long ApproximateEntries { get; }

    /// <summary>Approximate bytes held (on disk and in memory buffers).</summary>
    long ApproximateBytes { get; }
}
