using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>A running task together with the producer side it writes through.</summary>
internal sealed record ActiveTask(StreamTask Task, TaskProducer Output);
