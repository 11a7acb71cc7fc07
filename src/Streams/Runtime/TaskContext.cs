using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Runtime.Nodes;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// The per-task state that every node's context shares: the record being processed, stream time,
/// punctuation queues, the collector and the stores. One instance per task; used only on the task's thread.
/// </summary>
internal sealed class TaskContext(
    TaskId taskId,
    StreamsOptions options,
    IRecordCollector? collector,
    ITime clock,
    ProcessorStateManager stateManager,
    IReadOnlyDictionary<string, IStateStore> globalStores,
    bool isGlobal)
{
    private readonly PunctuationQueue _streamTimePunctuations = new();
    private readonly PunctuationQueue _wallClockPunctuations = new();
    private long _scheduleSequence;

    public TaskId TaskId { get; } = taskId;

    public StreamsOptions Options { get; } = options;

    public string ApplicationId => Options.ApplicationId;

    public IRecordCollector Collector =>
        collector ?? throw new StreamsException("Global state processors cannot send records: a global store is updated in place.");

    public ITime Clock { get; } = clock;

    public ProcessorStateManager StateManager { get; } = stateManager;

    public Func<string, int>? PartitionCountOf { get; init; }

    /// <summary>The instance's metrics and spans; null in the TopologyTestDriver.</summary>
    public StreamsTelemetry? Telemetry { get; init; }

    /// <summary>The input record being processed, or null inside a punctuation.</summary>
    public ConsumedRecord? CurrentRaw { get; private set; }

    public long CurrentTimestamp { get; set; }

    public RecordHeaders? CurrentHeaders { get; set; }

    public string? CurrentNodeName { get; set; }

    /// <summary>The innermost node an exception escaped from while processing the current record.</summary>
    public string? FailedNodeName { get; private set; }

    /// <summary>Largest timestamp processed by this task; -1 until the first record.</summary>
    public long StreamTimeMs { get; private set; } = -1;

    public bool CommitRequested { get; set; }

    public void BeginRecord(ConsumedRecord raw, long timestamp, RecordHeaders? headers)
    {
        CurrentRaw = raw;
        CurrentTimestamp = timestamp;
        CurrentHeaders = headers;
        FailedNodeName = null;
        StreamTimeMs = Math.Max(StreamTimeMs, timestamp);
    }

    public void EndRecord()
    {
        CurrentRaw = null;
        CurrentNodeName = null;
    }

    /// <summary>Hands a record to a child node, making it the current node (for error reports) meanwhile.</summary>
    public void Deliver<TKey, TValue>(ProcessorNode child, Record<TKey, TValue> record)
    {
        if (child is not IRecordReceiver<TKey, TValue> receiver)
        {
            throw new StreamsException(
                $"Node '{child.Name}' cannot receive records of Record<{typeof(TKey).Name}, {typeof(TValue).Name}>.");
        }

        Telemetry?.RecordReceivedBy(child);
        var (previousNode, previousTimestamp, previousHeaders) = (CurrentNodeName, CurrentTimestamp, CurrentHeaders);
        CurrentNodeName = child.Name;
        CurrentTimestamp = record.Timestamp;
        CurrentHeaders = record.Headers;
        try
        {
            receiver.Receive(record);
        }
        catch
        {
            FailedNodeName ??= child.Name;
            throw;
        }
        finally
        {
            (CurrentNodeName, CurrentTimestamp, CurrentHeaders) = (previousNode, previousTimestamp, previousHeaders);
        }
    }

    public IStateStore GetStateStore(ProcessorNode node, string name)
    {
        if (node.StoreNames.Contains(name))
        {
            return StateManager.GetStore(name);
        }

        if (globalStores.TryGetValue(name, out var global))
        {
            return global;
        }

        throw new StreamsException(
            $"Processor '{node.Name}' has no access to state store '{name}': connect them with Topology.AddStateStore " +
            "or Topology.ConnectProcessorAndStateStores.");
    }

    public ICancellable Schedule(ProcessorNode node, TimeSpan interval, PunctuationType type, Action<long> punctuator)
    {
        ArgumentNullException.ThrowIfNull(punctuator);
        if (isGlobal)
        {
            throw new StreamsException($"Global processor '{node.Name}' cannot schedule punctuators.");
        }

        var intervalMs = (long)interval.TotalMilliseconds;
        if (intervalMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A punctuation interval must be at least 1 ms.");
        }

        var sequence = _scheduleSequence++;
        if (type == PunctuationType.StreamTime)
        {
            // Aligned to 0 as in Kafka Streams: fires with the first record, then at each interval boundary.
            var schedule = new PunctuationSchedule(node.Name, intervalMs, punctuator, 0, sequence);
            _streamTimePunctuations.Add(schedule);
            return schedule;
        }

        var wallClock = new PunctuationSchedule(node.Name, intervalMs, punctuator, Clock.NowMs + intervalMs, sequence);
        _wallClockPunctuations.Add(wallClock);
        return wallClock;
    }

    public bool MaybePunctuateStreamTime() =>
        StreamTimeMs >= 0 && _streamTimePunctuations.MayPunctuate(StreamTimeMs, PunctuateStreamTime);

    public bool MaybePunctuateSystemTime(long wallClockMs) => _wallClockPunctuations.MayPunctuate(wallClockMs, PunctuateWallClockTime);

    /// <summary>Sends the original bytes of <paramref name="raw"/> to the dead-letter topic with headers saying why and where.</summary>
    public void SendToDeadLetter(ConsumedRecord raw, ErrorStage stage, string reason, string? exceptionType, string? processorName)
    {
        var headers = raw.Headers?.Copy() ?? new RecordHeaders();
        headers.Add(DeadLetterHeaders.Reason, reason)
            .Add(DeadLetterHeaders.Stage, DeadLetterHeaders.StageName(stage))
            .Add(DeadLetterHeaders.SourceTopic, raw.Topic)
            .Add(DeadLetterHeaders.SourcePartition, raw.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add(DeadLetterHeaders.SourceOffset, raw.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exceptionType is not null)
        {
            headers.Add(DeadLetterHeaders.ExceptionType, exceptionType);
        }

        if (processorName is not null)
        {
            headers.Add(DeadLetterHeaders.Processor, processorName);
        }

        Collector.Send(Options.DeadLetterTopic, raw.Key, raw.Value, headers, raw.Timestamp, partition: null);
        Telemetry?.DeadLettered(raw, stage, reason, exceptionType, processorName);
    }

    private void PunctuateStreamTime(PunctuationSchedule schedule, long timestamp) => Punctuate(schedule, timestamp, "stream-time");

    private void PunctuateWallClockTime(PunctuationSchedule schedule, long timestamp) => Punctuate(schedule, timestamp, "wall-clock-time");

    private void Punctuate(PunctuationSchedule schedule, long timestamp, string type)
    {
        CurrentRaw = null;
        CurrentNodeName = schedule.NodeName;
        CurrentTimestamp = timestamp;
        CurrentHeaders = new RecordHeaders();
        try
        {
            if (Telemetry is null)
            {
                schedule.Punctuator(timestamp);
            }
            else
            {
                Telemetry.Punctuate(schedule.NodeName, type, () => schedule.Punctuator(timestamp));
            }
        }
        catch (Exception ex) when (ex is not StreamsException)
        {
            throw new StreamsException($"Punctuator of processor '{schedule.NodeName}' in task {TaskId} failed at {timestamp}: {ex.Message}", ex);
        }
        finally
        {
            CurrentNodeName = null;
        }
    }
}
