namespace RecoStreams.Avro.Registry.Kafka;

/// <summary>Settings of <see cref="KafkaSchemaStore"/>.</summary>
public sealed record KafkaSchemaStoreOptions
{
    public required string BootstrapServers { get; init; }

    /// <summary>
    /// Compacted, single-partition log topic. It holds this registry's own record format, so it must
    /// not be shared with a Confluent Schema Registry (whose default is also <c>_schemas</c>).
    /// </summary>
    public string Topic { get; init; } = "_schemas";

    /// <summary>Upper bound for reading the log to its high watermark, and for one broker request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
