namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Where a batch's input ends in one source partition (for Kafka: topic, partition and the offset of the
/// last record in the batch). Opaque to the mirror; handed back to the source on acknowledgement.
/// </summary>
public sealed record SourcePosition(string Topic, int Partition, long Offset);
