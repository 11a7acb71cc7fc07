using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>
/// What one instance tells the others: where it serves interactive queries (its application.server), which
/// tasks it hosts, its state, and when it said so (its own clock, in Unix milliseconds).
/// </summary>
public sealed record InstanceAdvertisement(string Endpoint, IReadOnlyList<TaskId> Tasks, KafkaStreamsState State, long TimestampMs);
