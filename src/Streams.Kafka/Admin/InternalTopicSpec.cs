namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>An internal topic (changelog or repartition) the application creates if missing.</summary>
public sealed record InternalTopicSpec(string Name, int Partitions, IReadOnlyDictionary<string, string> Configs)
{
    /// <summary>A changelog keeps the latest value per key: compacted, as Kafka Streams creates them.</summary>
    public static InternalTopicSpec Changelog(string name, int partitions) =>
        new(name, partitions, new Dictionary<string, string> { ["cleanup.policy"] = "compact" });

    /// <summary>
    /// A repartition topic is a hand-off between subtopologies: records are needed only until consumed,
    /// so it is kept by time (Kafka Streams also purges it by offset; we rely on retention).
    /// </summary>
    public static InternalTopicSpec Repartition(string name, int partitions) =>
        new(name, partitions, new Dictionary<string, string>
        {
            ["cleanup.policy"] = "delete",
            ["retention.ms"] = "604800000",
            ["segment.bytes"] = "52428800",
        });
}
