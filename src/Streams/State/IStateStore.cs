namespace RecoStreams.Streams.State;

/// <summary>A named store owned by one task (or by every instance, for global stores).</summary>
public interface IStateStore
{
    string Name { get; }

    /// <summary>True when the store keeps its data on disk across restarts (RocksDB).</summary>
    bool Persistent { get; }

    bool IsOpen { get; }

    /// <summary>Opens the store and registers it (and its restore callback) with the task's state manager.</summary>
    void Init(IStateStoreContext context);

    /// <summary>
    /// Writes down everything held above the store's files (record caches, held writes, write buffers), so a
    /// process crash loses none of it; called at every commit, before offsets commit. No fsync: see <see cref="Sync"/>.
    /// </summary>
    void Flush();

    /// <summary>
    /// Makes every flushed write survive a machine crash (an fsync for stores on disk). Called before the
    /// checkpoint file claims the writes, which is only every so many changelog records and at close
    /// (docs/reliability.md, "Crash model"); a no-op for stores in memory.
    /// </summary>
    void Sync();

    void Close();
}
