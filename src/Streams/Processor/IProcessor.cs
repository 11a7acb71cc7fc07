namespace RecoStreams.Streams.Processor;

/// <summary>
/// A node of a topology that receives records one at a time (Kafka Streams' Processor API).
/// Instances are created per task by a supplier, so they may keep per-task state in fields.
/// </summary>
public interface IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    /// <summary>Called once per task before any record; look up stores and schedule punctuators here.</summary>
    void Init(IProcessorContext<TKeyOut, TValueOut> context);

    void Process(Record<TKeyIn, TValueIn> record);

    /// <summary>Called when the task closes; stores are closed by the runtime, not here.</summary>
    void Close();
}

/// <summary>A processor whose output has the same key and value types as its input.</summary>
public interface IProcessor<TKey, TValue> : IProcessor<TKey, TValue, TKey, TValue>;
