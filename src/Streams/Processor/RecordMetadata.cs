namespace RecoStreams.Streams.Processor;

/// <summary>Source coordinates of the record being processed.</summary>
public sealed record RecordMetadata(string Topic, int Partition, long Offset);
