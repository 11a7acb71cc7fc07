namespace RecoStreams.Streams.Diagnostics;

/// <summary>
/// Wall time a stream thread has spent in one phase of its loop since it started (Kafka Streams' poll-, process-,
/// punctuate- and commit-ratio, KIP-444): "poll" includes waiting for records, so a thread whose poll share is high
/// waits for input rather than working.
/// </summary>
public readonly record struct ThreadTime(string Thread, string Phase, double Seconds);
