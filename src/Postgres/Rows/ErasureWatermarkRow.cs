namespace RecoStreams.Postgres.Rows;

/// <summary>A user erased at <see cref="ErasedAt"/>, named only by a keyed hash of the id.</summary>
public sealed record ErasureWatermarkRow(string UserIdHash, DateTimeOffset ErasedAt);
