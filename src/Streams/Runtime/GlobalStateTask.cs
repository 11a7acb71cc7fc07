using RecoStreams.Streams.Errors;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// Keeps the global stores of one instance up to date: every record of every partition of a global topic
/// goes through its source and processor into the store. Restoration and live updates use the same path,
/// so custom global processors see every record. The checkpoint holds, per global topic partition, the
/// offset of the last record applied.
/// </summary>
internal sealed class GlobalStateTask
{
    private static readonly TaskId GlobalTaskId = new(-1, -1);

    private readonly GlobalProcessorTopology _topology;
    private readonly StreamsOptions _options;
    private readonly ProcessorStateManager _stateManager;
    private readonly TaskContext _context;
    private readonly Dictionary<(string Topic, int Partition), long> _appliedOffsets = [];
    private bool _initialized;

    public GlobalStateTask(GlobalProcessorTopology topology, StreamsOptions options, string stateDirectory, ITime clock)
    {
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _stateManager = new ProcessorStateManager(
            options.ApplicationId, GlobalTaskId, stateDirectory, collector: null, new ThreadCache(0), () => _context!.CurrentTimestamp);
        _context = new TaskContext(GlobalTaskId, options, collector: null, clock, _stateManager, new Dictionary<string, IStateStore>(), isGlobal: true);
    }

    public IReadOnlyCollection<string> Topics => _topology.SourcesByTopic.Keys.ToList();

    /// <summary>The global stores by name, shared read-only with every stream task of the instance.</summary>
    public IReadOnlyDictionary<string, IStateStore> Stores => _topology.Stores.ToDictionary(s => s.Store.Name, s => s.Store);

    /// <summary>
    /// Opens the stores and initializes the processors. Returns, per global topic partition found in the
    /// checkpoint, the next offset to read; partitions not listed start from the beginning.
    /// </summary>
    /// <remarks>
    /// In-memory global stores start empty, so their checkpointed offsets are ignored and everything is
    /// read again; persistent stores resume from the checkpoint.
    /// </remarks>
    public IReadOnlyDictionary<(string Topic, int Partition), long> Initialize()
    {
        if (_initialized)
        {
            throw new InvalidOperationException("The global state task is already initialized.");
        }

        Directory.CreateDirectory(_stateManager.StateDirectory);
        var checkpoint = OffsetCheckpoint.Read(_stateManager.CheckpointPath);
        foreach (var store in _topology.Stores)
        {
            _stateManager.AddStore(store.Store, changelogTopic: null, changelogPartition: 0);
        }

        foreach (var node in _topology.Nodes)
        {
            node.Init(_context);
        }

        _initialized = true;
        var persistentTopics = _topology.Stores.Where(s => s.Store.Persistent).Select(s => s.ChangelogTopic).ToHashSet();
        var resume = new Dictionary<(string Topic, int Partition), long>();
        foreach (var (partition, offset) in checkpoint.Where(e => persistentTopics.Contains(e.Key.Topic)))
        {
            _appliedOffsets[partition] = offset;
            resume[partition] = offset + 1;
        }

        return resume;
    }

    /// <summary>Applies a batch of global topic records (during bootstrap or while running).</summary>
    public void Update(IReadOnlyList<ConsumedRecord> batch)
    {
        if (!_initialized)
        {
            throw new InvalidOperationException("Initialize the global state task before updating it.");
        }

        foreach (var raw in batch)
        {
            if (!_topology.SourcesByTopic.TryGetValue(raw.Topic, out var source))
            {
                throw new StreamsException($"Topic '{raw.Topic}' does not feed a global store.");
            }

            Runtime.Nodes.StampedRecord record;
            try
            {
                record = source.Deserialize(raw, -1);
            }
            catch (Exception ex) when (ex is not StreamsException)
            {
                // No task, no DLQ producer: a bad global record can only be skipped or stop the instance.
                if (_options.EffectiveDeserializationHandler.Handle(
                        new ErrorHandlerContext(GlobalTaskId, ErrorStage.Deserialization, raw.Topic, raw.Partition, raw.Offset, raw.Timestamp, raw.Key, raw.Value, raw.Headers, source.Name),
                        ex) == ErrorHandlerResponse.Fail)
                {
                    throw new StreamsException(
                        $"Deserializing global record {raw.Topic}-{raw.Partition} offset {raw.Offset} failed: {ex.Message}", ex);
                }

                _appliedOffsets[(raw.Topic, raw.Partition)] = raw.Offset;
                continue;
            }

            _context.BeginRecord(raw, record.Timestamp, record.Headers);
            try
            {
                record.Process();
            }
            finally
            {
                _context.EndRecord();
            }

            _appliedOffsets[(raw.Topic, raw.Partition)] = raw.Offset;
        }
    }

    /// <summary>Flushes and syncs the stores, then writes the offsets applied so far to the checkpoint file.</summary>
    public void FlushAndCheckpoint()
    {
        _stateManager.Flush();
        _stateManager.Sync();
        Directory.CreateDirectory(_stateManager.StateDirectory);
        OffsetCheckpoint.Write(_stateManager.CheckpointPath, _appliedOffsets);
    }

    public void Close(bool clean)
    {
        if (clean && _initialized)
        {
            FlushAndCheckpoint();
        }

        foreach (var node in _topology.Nodes)
        {
            node.Close();
        }

        _stateManager.Close();
        _initialized = false;
    }
}
