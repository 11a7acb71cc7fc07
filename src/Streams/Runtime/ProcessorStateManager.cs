using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// Owns a task's stores: opens them, knows their changelog partitions and checkpointed offsets, applies
/// restored batches, flushes, syncs and checkpoints them. It is the <see cref="IStateStoreContext"/> the
/// stores see.
/// </summary>
internal sealed class ProcessorStateManager : IStateStoreContext, IRecordCacheProvider, IDeferredWriteRegistry
{
    private readonly Dictionary<string, StoreEntry> _stores = [];
    private readonly List<IDeferredWrites> _deferred = [];
    private readonly IRecordCollector? _collector;
    private readonly Func<long> _currentTimestamp;
    private Dictionary<(string Topic, int Partition), long> _checkpointed = [];
    private Task? _background;

    /// <param name="collector">Null for global state, whose stores are never logged.</param>
    public ProcessorStateManager(
        string applicationId,
        TaskId taskId,
        string stateDirectory,
        IRecordCollector? collector,
        ThreadCache cache,
        Func<long> currentTimestamp)
    {
        ApplicationId = applicationId;
        TaskId = taskId;
        StateDirectory = stateDirectory;
        Cache = cache;
        _collector = collector;
        _currentTimestamp = currentTimestamp;
    }

    public string ApplicationId { get; }

    public TaskId TaskId { get; }

    public string StateDirectory { get; }

    public ThreadCache Cache { get; }

    public long CurrentTimestamp => _currentTimestamp();

    public string CheckpointPath => Path.Combine(StateDirectory, OffsetCheckpoint.FileName);

    public IEnumerable<IStateStore> Stores => _stores.Values.Select(e => e.Store);

    /// <summary>Stores whose byte layer reports size estimates (RocksDB), by store name.</summary>
    public IEnumerable<(string Name, IStateStoreSize Size)> SizedStores =>
        _stores.Values.Where(e => e.Size is not null).Select(e => (e.Store.Name, e.Size!)).ToList();

    /// <summary>Reads the checkpoint file; call before opening stores.</summary>
    public void LoadCheckpoint()
    {
        Directory.CreateDirectory(StateDirectory);
        _checkpointed = OffsetCheckpoint.Read(CheckpointPath);
    }

    public bool CheckpointExists => File.Exists(CheckpointPath);

    public void DeleteCheckpoint() => File.Delete(CheckpointPath);

    /// <summary>Deletes every store file of the task (before stores open), so restoration starts from nothing.</summary>
    public void WipeLocalState()
    {
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        Directory.CreateDirectory(StateDirectory);
    }

    /// <summary>Memory held by stores whose writes wait for the commit.</summary>
    public long DeferredBytes
    {
        get
        {
            long bytes = 0;
            foreach (var store in _deferred)
            {
                bytes += store.HeldBytes;
            }

            return bytes;
        }
    }

    public void RegisterDeferredWrites(IDeferredWrites store) => _deferred.Add(store);

    /// <summary>Opens a store; its byte layer registers back through <see cref="Register"/>.</summary>
    public void AddStore(IStateStore store, string? changelogTopic, int changelogPartition)
    {
        if (!_stores.TryAdd(store.Name, new StoreEntry(store, changelogTopic, changelogPartition)))
        {
            throw new StreamsException($"Task {TaskId} has two stores named '{store.Name}'.");
        }

        store.Init(this);
        var entry = _stores[store.Name];
        if (!entry.Registered)
        {
            throw new StreamsException($"Store '{store.Name}' did not register itself during Init.");
        }

        if (changelogTopic is not null && store.Persistent
            && _checkpointed.TryGetValue((changelogTopic, changelogPartition), out var offset))
        {
            entry.Offset = offset;
        }
    }

    // Inner layers register under the store name; the entry keeps the outermost store for lookups.
    public void Register(IStateStore store, IStateRestoreCallback? restore)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!_stores.TryGetValue(store.Name, out var entry))
        {
            throw new StreamsException($"Store '{store.Name}' registered with task {TaskId} but was never added to it.");
        }

        entry.Registered = true;
        entry.Size ??= store as IStateStoreSize;
        entry.RestoreCallback = restore ?? entry.RestoreCallback;
    }

    public void LogChange(string storeName, ReadOnlySpan<byte> key, byte[]? value, long timestamp)
    {
        var entry = _stores.TryGetValue(storeName, out var e) && e.ChangelogTopic is not null
            ? e
            : throw new StreamsException($"Store '{storeName}' of task {TaskId} has no changelog.");
        var collector = _collector ?? throw new StreamsException($"Store '{storeName}' cannot log: no record collector.");
        collector.Send(entry.ChangelogTopic!, key.ToArray(), value, headers: null, timestamp, entry.ChangelogPartition);
    }

    public IStateStore GetStore(string name) =>
        _stores.TryGetValue(name, out var entry)
            ? entry.Store
            : throw new StreamsException($"Task {TaskId} has no state store named '{name}'.");

    public bool TryGetStore(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStateStore? store)
    {
        store = _stores.TryGetValue(name, out var entry) ? entry.Store : null;
        return store is not null;
    }

    public IReadOnlyList<ChangelogPartition> ChangelogPartitions =>
        _stores.Values
            .Where(e => e.ChangelogTopic is not null)
            .Select(e => new ChangelogPartition(e.ChangelogTopic!, e.ChangelogPartition, e.Store.Name, e.Offset))
            .ToList();

    public void Restore(string topic, int partition, IReadOnlyList<ConsumedRecord> batch)
    {
        var entry = _stores.Values.FirstOrDefault(e => e.ChangelogTopic == topic && e.ChangelogPartition == partition)
            ?? throw new StreamsException($"Task {TaskId} has no changelog partition {topic}-{partition} to restore.");
        if (batch.Count == 0)
        {
            return;
        }

        var callback = entry.RestoreCallback
            ?? throw new StreamsException($"Store '{entry.Store.Name}' registered no restore callback but has a changelog.");
        callback.RestoreBatch(batch.Select(r => new KeyValuePair<byte[], byte[]?>(
            r.Key ?? throw new StreamsException($"Changelog record {topic}-{partition}@{r.Offset} has a null key."),
            r.Value)).ToList());
        entry.Offset = batch[^1].Offset;
    }

    /// <summary>
    /// Flushes caches and stores. A cache flush may forward records that update other stores of the task,
    /// so flushing repeats until no cache of this task holds dirty entries.
    /// </summary>
    public void Flush()
    {
        var namespacePrefix = $"{TaskId}-";
        var passes = 0;
        do
        {
            if (++passes > _stores.Count + 1)
            {
                throw new StreamsException($"Flushing the stores of task {TaskId} does not converge: cache flushes keep dirtying each other.");
            }

            foreach (var entry in _stores.Values)
            {
                entry.Store.Flush();
            }
        }
        while (Cache.HasDirtyEntries(namespacePrefix));
    }

    /// <summary>Makes every flushed write of every store survive a machine crash (see <see cref="IStateStore.Sync"/>).</summary>
    public void Sync()
    {
        foreach (var entry in _stores.Values)
        {
            entry.Store.Sync();
        }
    }

    /// <summary>
    /// Syncs the persistent stores that have no changelog at every commit: nothing could restore what a machine
    /// crash took from them. Stores with a changelog wait for the next checkpoint (see <see cref="Checkpoint"/>).
    /// </summary>
    public void SyncStoresWithoutChangelog()
    {
        foreach (var entry in _stores.Values)
        {
            if (entry.ChangelogTopic is null && entry.Store.Persistent)
            {
                entry.Store.Sync();
            }
        }
    }

    /// <summary>
    /// The commit step of deferred stores: call after <see cref="Flush"/> and after the output is acknowledged.
    /// Stores go out in the reverse of the order they were added, which is upstream first (see
    /// ProcessorTopology.Stores): an upstream store's entry (an event id seen) suppresses the work recorded in
    /// the stores below it (a parked event, a dirty mark), so it must be durable last.
    /// </summary>
    public void WriteDeferred()
    {
        for (var i = _deferred.Count - 1; i >= 0; i--)
        {
            _deferred[i].WriteDeferred();
        }
    }

    /// <summary>
    /// Records the changelog offsets the collector has acknowledged; then, if <paramref name="enforce"/> is set
    /// or the changelogs advanced by more than <paramref name="offsetDeltaThreshold"/> records since the last
    /// checkpoint (<see cref="CheckpointThreshold"/>), syncs every store and writes the checkpoint file. An
    /// older checkpoint is still correct: restoring replays the changelog from it, and the writes after it
    /// are in the changelog. An enforced checkpoint (a close) is written before this returns; any other runs in
    /// the background, since the fsyncs are I/O waits the task's thread need not sit through, one at a time (a
    /// commit that finds one still running leaves the next to the following commit). Returns whether a
    /// checkpoint was written or started.
    /// </summary>
    public bool Checkpoint(IReadOnlyDictionary<(string Topic, int Partition), long> acknowledged, bool enforce, long offsetDeltaThreshold)
    {
        var offsets = new Dictionary<(string Topic, int Partition), long>();
        foreach (var entry in _stores.Values.Where(e => e.ChangelogTopic is not null))
        {
            if (acknowledged.TryGetValue((entry.ChangelogTopic!, entry.ChangelogPartition), out var offset))
            {
                entry.Offset = Math.Max(offset, entry.Offset ?? -1);
            }

            if (entry.Offset is { } known && entry.Store.Persistent)
            {
                offsets[(entry.ChangelogTopic!, entry.ChangelogPartition)] = known;
            }
        }

        if (!enforce && _background is { IsCompleted: false })
        {
            return false;
        }

        AwaitCheckpoint();
        if (!CheckpointThreshold.Needed(enforce, _checkpointed, offsets, offsetDeltaThreshold))
        {
            return false;
        }

        _checkpointed = offsets;
        if (enforce)
        {
            SyncAndWriteCheckpoint(offsets);
        }
        else
        {
            _background = Task.Run(() => SyncAndWriteCheckpoint(offsets));
        }

        return true;
    }

    /// <summary>Waits for a checkpoint running in the background, and reports its failure.</summary>
    public void AwaitCheckpoint()
    {
        var background = _background;
        _background = null;
        try
        {
            background?.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not StreamsException)
        {
            throw new StreamsException($"Writing the checkpoint of task {TaskId} failed: {ex.Message}", ex);
        }
    }

    /// <summary>Closes every store (after a checkpoint still running), continuing past failures, and reports the first one.</summary>
    public void Close()
    {
        Exception? first = null;
        try
        {
            AwaitCheckpoint();
        }
        catch (StreamsException ex)
        {
            first = ex;
        }

        foreach (var entry in _stores.Values)
        {
            try
            {
                entry.Store.Close();
            }
            catch (Exception ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw new StreamsException($"Closing the stores of task {TaskId} failed: {first.Message}", first);
        }
    }

    // The file must not claim a write a machine crash could still take from a store.
    private void SyncAndWriteCheckpoint(Dictionary<(string Topic, int Partition), long> offsets)
    {
        Sync();
        Directory.CreateDirectory(StateDirectory);
        OffsetCheckpoint.Write(CheckpointPath, offsets);
    }

    private sealed class StoreEntry(IStateStore store, string? changelogTopic, int changelogPartition)
    {
        public IStateStore Store { get; } = store;

        public string? ChangelogTopic { get; } = changelogTopic;

        public int ChangelogPartition { get; } = changelogPartition;

        public bool Registered { get; set; }

        public IStateRestoreCallback? RestoreCallback { get; set; }

        public IStateStoreSize? Size { get; set; }

        /// <summary>Last changelog offset known to be in the store (from checkpoint, restore or acknowledged writes).</summary>
        public long? Offset { get; set; }
    }
}
