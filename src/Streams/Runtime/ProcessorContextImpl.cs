using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Runtime.Nodes;

namespace RecoStreams.Streams.Runtime;

/// <summary>The context one processor node sees; a thin view over the shared <see cref="TaskContext"/>.</summary>
internal sealed class ProcessorContextImpl<TKeyOut, TValueOut>(TaskContext task, ProcessorNode node)
    : IProcessorContext<TKeyOut, TValueOut>, IDeadLetterContext, IPartitionCountContext
{
    public string ApplicationId => task.ApplicationId;

    public TaskId TaskId => task.TaskId;

    public RecordMetadata? RecordMetadata =>
        task.CurrentRaw is { } raw ? new RecordMetadata(raw.Topic, raw.Partition, raw.Offset) : null;

    public long CurrentStreamTimeMs => task.StreamTimeMs;

    public long CurrentSystemTimeMs => task.Clock.NowMs;

    public TStore GetStateStore<TStore>(string name)
        where TStore : class
    {
        var store = task.GetStateStore(node, name);
        return store as TStore
            ?? throw new StreamsException($"State store '{name}' is a {store.GetType().Name}, not a {typeof(TStore).Name}.");
    }

    public void Forward(Record<TKeyOut, TValueOut> record)
    {
        foreach (var child in node.Children)
        {
            task.Deliver(child, record);
        }
    }

    public void Forward(Record<TKeyOut, TValueOut> record, string childName)
    {
        var child = node.Children.Find(c => c.Name == childName)
            ?? throw new StreamsException($"Processor '{node.Name}' has no child named '{childName}'.");
        task.Deliver(child, record);
    }

    public ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator) =>
        task.Schedule(node, interval, type, punctuator);

    public void RequestCommit() => task.CommitRequested = true;

    public int? PartitionCount(string topic) => task.PartitionCountOf?.Invoke(topic);

    public void ForwardToDeadLetter(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var raw = task.CurrentRaw
            ?? throw new InvalidOperationException($"Processor '{node.Name}' has no input record to dead-letter (inside a punctuation).");
        task.SendToDeadLetter(raw, ErrorStage.Processing, reason, exceptionType: null, node.Name);
    }
}
