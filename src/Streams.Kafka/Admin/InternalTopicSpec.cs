namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>An internal topic (changelog or repartition) the application creates if missing, with its topic configs.</summary>
public sealed record InternalTopicSpec(string Name, int Partitions, IReadOnlyDictionary<string, string> Configs);
