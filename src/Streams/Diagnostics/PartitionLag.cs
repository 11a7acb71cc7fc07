namespace RecoStreams.Streams.Diagnostics;

/// <summary>How many records of an input partition lie between the consumer's position and the log end.</summary>
public readonly record struct PartitionLag(string Topic, int Partition, long Lag);
