using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Runtime;

/// <summary>A raw record as it came off a topic partition, before deserialization.</summary>
public sealed record ConsumedRecord(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    byte[]? Key,
    byte[]? Value,
    RecordHeaders? Headers);
