namespace RecoStreams.Streams.Testing;

/// <summary>A record read from an output topic of the test driver.</summary>
public sealed record TestRecord<TKey, TValue>(TKey Key, TValue Value, long Timestamp, RecordHeaders Headers, int Partition);
