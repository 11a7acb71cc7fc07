namespace RecoStreams.Streams.Processor;

/// <summary>What a processor can see and do while it runs inside a task.</summary>
public interface IProcessorContext<TKeyOut, TValueOut>
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>Where the current record came from; null inside a punctuation.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>The largest record timestamp the task has seen (Kafka Streams' stream time).</summary>
    long CurrentStreamTimeMs { get; }

    /// <summary>Wall-clock time as the runtime (or the test driver's mock clock) sees it.</summary>
    long CurrentSystemTimeMs { get; }

    TStore GetStateStore<TStore>(string name)
        where TStore : class;

    /// <summary>Sends a record to all child nodes.</summary>
    void Forward(Record<TKeyOut, TValueOut> record);

    /// <summary>Sends a record to one named child node.</summary>
    void Forward(Record<TKeyOut, TValueOut> record, string childName);

    /// <summary>Schedules a periodic callback; the argument passed is the time that triggered it.</summary>
    ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator);

    /// <summary>Asks the runtime to commit as soon as possible (after the current record).</summary>
    void RequestCommit();
}
