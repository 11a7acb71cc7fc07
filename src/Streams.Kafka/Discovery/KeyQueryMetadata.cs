using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>Where a key's task lives: <paramref name="IsLocal"/>, or the application.server of the instance hosting it (null when unknown).</summary>
public sealed record KeyQueryMetadata(TaskId Task, bool IsLocal, string? ActiveHost);
