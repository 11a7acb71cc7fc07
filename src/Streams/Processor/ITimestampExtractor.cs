using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Processor;

/// <summary>
/// Chooses a record's timestamp (event time) once it is deserialized; stream time and punctuation follow
/// it. A negative result marks the record invalid: it goes to the deserialization error handler.
/// </summary>
public interface ITimestampExtractor
{
    /// <param name="partitionTimeMs">The largest timestamp seen so far on this partition, or -1.</param>
    long Extract(ConsumedRecord record, object? key, object? value, long partitionTimeMs);
}

/// <summary>Uses the timestamp the producer or broker put on the record (Kafka's default).</summary>
public sealed class RecordTimestampExtractor : ITimestampExtractor
{
    public static RecordTimestampExtractor Instance { get; } = new();

    public long Extract(ConsumedRecord record, object? key, object? value, long partitionTimeMs) => record.Timestamp;
}
