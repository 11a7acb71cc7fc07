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

    /// <summary>Makes every write so far durable locally; called before offsets commit.</summary>
    void Flush();

    void Close();
}
