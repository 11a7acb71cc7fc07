using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.Runtime;

internal enum TaskState
{
    Created,
    Restoring,
    Running,
    Suspended,
    Closed,
}

/// <summary>
/// One partition of one subtopology: buffers its input partitions, processes one record at a time in
/// timestamp order, runs punctuators, owns its stores and their changelogs, commits and checkpoints.
/// It knows nothing of Kafka: the stream thread (or the TopologyTestDriver) feeds records in, drives
/// restoration and commits offsets. Not thread-safe: one thread drives a task.
/// </summary>
internal sealed class StreamTask
{
    private readonly ProcessorTopology _topology;
    private readonly IRecordCollector _collector;
    private readonly StreamsOptions _options;
    private readonly ProcessorStateManager _stateManager;
    private readonly TaskContext _context;
    private readonly PartitionGroup _partitions;
    private readonly Dictionary<(string Topic, int Partition), long> _committedOffsets = [];
    private Dictionary<(string Topic, int Partition), long>? _pendingCommit;
    private TaskState _state = TaskState.Created;
    private TaskState _stateBeforeSuspend;
    private bool _processorsInitialized;

    public StreamTask(
        TaskId id,
        ProcessorTopology subtopology,
        IReadOnlyCollection<(string Topic, int Partition)> inputs,
        IRecordCollector collector,
        StreamsOptions options,
        string taskStateDirectory,
        ITime clock,
        ThreadCache? cache = null,
        Func<string, int>? partitionCountOf = null,
        StreamsTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(subtopology);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskStateDirectory);
        Id = id;
        InputPartitions = inputs;
        Cache = cache ?? new ThreadCache(options.CacheMaxBytesPerThread);
        _topology = subtopology;
        _collector = collector ?? throw new ArgumentNullException(nameof(collector));
        _options = options;
        _stateManager = new ProcessorStateManager(options.ApplicationId, id, taskStateDirectory, collector, Cache, () => _context!.CurrentTimestamp);
        _context = new TaskContext(id, options, collector, clock ?? throw new ArgumentNullException(nameof(clock)), _stateManager, subtopology.GlobalStores, isGlobal: false)
        {
            PartitionCountOf = partitionCountOf,
            Telemetry = telemetry,
        };
        _partitions = new PartitionGroup(inputs.Select(tp => new RecordQueue(
            tp.Topic,
            tp.Partition,
            subtopology.SourcesByTopic.TryGetValue(tp.Topic, out var source)
                ? source
                : throw new ArgumentException($"Task {id} has no source reading topic '{tp.Topic}'.", nameof(inputs)),
            (raw, ex) => HandleError(ErrorStage.Deserialization, raw, ex, source.Name))).ToList());
    }

    public TaskId Id { get; }

    public IReadOnlyCollection<(string Topic, int Partition)> InputPartitions { get; }

    public ThreadCache Cache { get; }

    public IReadOnlyList<ChangelogPartition> ChangelogPartitions => _stateManager.ChangelogPartitions;

    public int BufferedRecordCount => _partitions.BufferedCount;

    /// <summary>A processor asked for a commit, or the writes held for the commit outgrew their budget.</summary>
    public bool CommitRequested => _context.CommitRequested || _stateManager.DeferredBytes > _options.DeferredWritesMaxBytesPerTask;

    /// <summary>Whether anything was processed or punctuated since the last commit.</summary>
    public bool CommitNeeded { get; private set; }

    public long StreamTimeMs => _context.StreamTimeMs;

    public long ProcessedRecords { get; private set; }

    /// <summary>Records sent to the dead-letter topic by the error handlers (not by processors themselves).</summary>
    public long DeadLetteredRecords { get; private set; }

    /// <summary>Wall-clock time minus the timestamp of the last processed record (end-to-end lag).</summary>
    public long LastRecordLatencyMs { get; private set; }

    internal TaskState State => _state;

    /// <summary>Size estimates of the task's stores that report them; read from other threads.</summary>
    public IEnumerable<StoreSize> StoreSizes =>
        _stateManager.SizedStores.Select(s => new StoreSize(s.Name, s.Size.ApproximateEntries, s.Size.ApproximateBytes));

    /// <summary>Stores of this task by name, for interactive queries.</summary>
    public IStateStore GetStore(string name) => _stateManager.GetStore(name);

    public bool TryGetStore(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStateStore? store) =>
        _stateManager.TryGetStore(name, out store);

    /// <summary>Opens stores and reads the checkpoint file; the task then awaits restoration.</summary>
    public void InitializeStores()
    {
        Expect(TaskState.Created, nameof(InitializeStores));
        if (_options.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnce)
        {
            // The checkpoint is the clean-close marker: only a clean close writes it, and it is deleted as soon
            // as the task opens. Without it the last stop was unclean (a crash, a kill -9, a failed task), and
            // the local stores may hold writes of transactions that were aborted: restoring the committed
            // changelog on top cannot remove keys only those wrote, so the stores are rebuilt from nothing.
            if (!_stateManager.CheckpointExists)
            {
                _stateManager.WipeLocalState();
            }

            _stateManager.LoadCheckpoint();
            _stateManager.DeleteCheckpoint();
        }
        else
        {
            _stateManager.LoadCheckpoint();
        }

        foreach (var store in _topology.Stores)
        {
            _stateManager.AddStore(store.Store, store.ChangelogTopic, Id.Partition);
        }

        _state = TaskState.Restoring;
    }

    public void Restore(string topic, int partition, IReadOnlyList<ConsumedRecord> batch)
    {
        Expect(TaskState.Restoring, nameof(Restore));
        _stateManager.Restore(topic, partition, batch);
    }

    /// <summary>Initializes processors (which may now read their restored stores); the task can process.</summary>
    public void CompleteRestoration()
    {
        Expect(TaskState.Restoring, nameof(CompleteRestoration));
        foreach (var node in _topology.Nodes)
        {
            _context.CurrentNodeName = node.Name;
            node.Init(_context);
        }

        _context.CurrentNodeName = null;
        _processorsInitialized = true;
        _state = TaskState.Running;
    }

    public void AddRecords(IEnumerable<ConsumedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_state == TaskState.Closed)
        {
            throw new InvalidOperationException($"Task {Id} is closed.");
        }

        foreach (var record in records)
        {
            _partitions.Add(record);
        }
    }

    /// <summary>Processes the buffered record with the lowest timestamp; false when there is none (or the task is not running).</summary>
    public bool Process(long wallClockMs)
    {
        if (_state != TaskState.Running)
        {
            return false;
        }

        var record = _partitions.NextRecord();
        if (record is null)
        {
            return false;
        }

        _context.BeginRecord(record.Raw, record.Timestamp, record.Headers);
        try
        {
            record.Process();
        }
        catch (Exception ex) when (ex is not StreamsException)
        {
            HandleError(ErrorStage.Processing, record.Raw, ex, _context.FailedNodeName ?? _context.CurrentNodeName);
        }
        finally
        {
            _context.EndRecord();
        }

        ProcessedRecords++;
        _context.Telemetry?.RecordProcessed(record.Raw.Topic);
        LastRecordLatencyMs = wallClockMs - record.Timestamp;
        CommitNeeded = true;
        return true;
    }

    public bool MaybePunctuateStreamTime()
    {
        if (_state != TaskState.Running || !_context.MaybePunctuateStreamTime())
        {
            return false;
        }

        CommitNeeded = true;
        return true;
    }

    public bool MaybePunctuateSystemTime(long wallClockMs)
    {
        if (_state != TaskState.Running || !_context.MaybePunctuateSystemTime(wallClockMs))
        {
            return false;
        }

        CommitNeeded = true;
        return true;
    }

    /// <summary>
    /// Flushes in commit order (see <see cref="FlushInCommitOrder"/>) and returns the offsets to commit:
    /// last processed + 1 for each input that advanced.
    /// </summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> PrepareCommit()
    {
        if (_state is TaskState.Created or TaskState.Closed)
        {
            throw new InvalidOperationException($"Task {Id} cannot commit in state {_state}.");
        }

        try
        {
            FlushInCommitOrder();
        }
        catch (Exception ex) when (ex is not StreamsException)
        {
            // A cache flush runs downstream processors; their failure here is not tied to one input record.
            throw new StreamsException($"Task {Id} failed to flush its state for commit: {ex.Message}", ex);
        }

        var offsets = new Dictionary<(string Topic, int Partition), long>();
        foreach (var queue in _partitions.Queues)
        {
            if (queue.ConsumedOffset is { } consumed
                && (!_committedOffsets.TryGetValue(queue.TopicPartition, out var committed) || committed != consumed + 1))
            {
                offsets[queue.TopicPartition] = consumed + 1;
            }
        }

        _pendingCommit = offsets;
        _context.CommitRequested = false;
        return offsets;
    }

    /// <summary>
    /// After the offsets are committed: remembers them and, under at-least-once, syncs the stores and writes
    /// the checkpoint file, in the background, once the changelogs advanced by
    /// <see cref="StreamsOptions.CheckpointOffsetDelta"/> records since the last one. Under exactly-once the
    /// checkpoint is written only on clean close (see InitializeStores), and a commit never syncs: an unclean
    /// stop rebuilds the stores from the changelog.
    /// </summary>
    public void PostCommit()
    {
        if (_pendingCommit is null)
        {
            throw new InvalidOperationException($"Task {Id}: PostCommit without PrepareCommit.");
        }

        foreach (var (partition, offset) in _pendingCommit)
        {
            _committedOffsets[partition] = offset;
        }

        _pendingCommit = null;
        CommitNeeded = false;
        if (_options.ProcessingGuarantee == ProcessingGuarantee.AtLeastOnce)
        {
            _stateManager.Checkpoint(_collector.AcknowledgedOffsets, enforce: false, _options.CheckpointOffsetDelta);
        }
    }

    /// <summary>Waits for the checkpoint a commit started in the background, and reports its failure.</summary>
    public void AwaitCheckpoint() => _stateManager.AwaitCheckpoint();

    public void Suspend()
    {
        if (_state is not (TaskState.Running or TaskState.Restoring))
        {
            throw new InvalidOperationException($"Task {Id} cannot be suspended in state {_state}.");
        }

        _stateBeforeSuspend = _state;
        _state = TaskState.Suspended;
    }

    public void Resume()
    {
        Expect(TaskState.Suspended, nameof(Resume));
        _state = _stateBeforeSuspend;
    }

    /// <summary>
    /// Clean: flush and write the checkpoint, so the next start restores only what is new. Unclean (after
    /// an error): drop cached and deferred writes and write no checkpoint; under exactly-once the next
    /// start then finds no checkpoint and rebuilds the stores from the committed changelog.
    /// </summary>
    public void Close(bool clean)
    {
        if (_state == TaskState.Closed)
        {
            return;
        }

        Exception? failure = null;
        if (clean && _state != TaskState.Created)
        {
            try
            {
                FlushInCommitOrder();
                _stateManager.Checkpoint(_collector.AcknowledgedOffsets, enforce: true, _options.CheckpointOffsetDelta);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        if (_processorsInitialized)
        {
            foreach (var node in _topology.Nodes)
            {
                try
                {
                    node.Close();
                }
                catch (Exception ex)
                {
                    failure ??= ex;
                }
            }
        }

        try
        {
            _stateManager.Close();
        }
        catch (Exception ex)
        {
            failure ??= ex;
        }

        _partitions.Clear();
        _state = TaskState.Closed;

        if (clean && failure is not null)
        {
            throw new StreamsException($"Task {Id} did not close cleanly: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// The order that makes a crash at any instant lose nothing (docs/reliability.md, "Crash model"):
    /// results first (caches, which may forward, then stores), then the output and changelog records are
    /// acknowledged, and only then the writes that record progress (deferred stores) go out and are
    /// acknowledged in turn. Offsets are committed after this returns. So whatever says "already done"
    /// is never durable before what was done. "Durable" here means surviving the process: the stores with a
    /// changelog are synced only when a checkpoint is written (see <see cref="PostCommit"/>), because what a
    /// machine crash takes from them after the checkpoint is restored from their changelog.
    /// </summary>
    private void FlushInCommitOrder()
    {
        _stateManager.Flush();
        _collector.Flush();
        _stateManager.WriteDeferred();
        _collector.Flush();
        _stateManager.SyncStoresWithoutChangelog();
    }

    private void HandleError(ErrorStage stage, ConsumedRecord raw, Exception exception, string? processorName)
    {
        var errorContext = new ErrorHandlerContext(
            Id, stage, raw.Topic, raw.Partition, raw.Offset, raw.Timestamp, raw.Key, raw.Value, raw.Headers, processorName);
        var response = stage == ErrorStage.Deserialization
            ? _options.EffectiveDeserializationHandler.Handle(errorContext, exception)
            : _options.EffectiveProcessingHandler.Handle(errorContext, exception);
        switch (response)
        {
            case ErrorHandlerResponse.Fail:
                throw new StreamsException(
                    $"{(stage == ErrorStage.Deserialization ? "Deserializing" : "Processing")} the record at {raw.Topic}-{raw.Partition} " +
                    $"offset {raw.Offset} failed in task {Id}{(processorName is null ? string.Empty : $", node '{processorName}'")}: " +
                    $"{exception.GetType().Name}: {exception.Message}. The error handler is set to fail, so the task stops.",
                    exception);
            case ErrorHandlerResponse.DeadLetter:
                _context.SendToDeadLetter(raw, stage, exception.Message, exception.GetType().FullName, processorName);
                DeadLetteredRecords++;
                break;
            case ErrorHandlerResponse.Continue:
                break;
            default:
                throw new StreamsException($"Unknown error handler response {response}.");
        }
    }

    private void Expect(TaskState expected, string operation)
    {
        if (_state != expected)
        {
            throw new InvalidOperationException($"Task {Id}: {operation} needs state {expected}, but the task is {_state}.");
        }
    }
}
