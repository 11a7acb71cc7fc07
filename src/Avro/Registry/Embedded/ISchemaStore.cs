namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>
/// Durable, append-only log of <see cref="SchemaRegistryRecord"/>s behind an embedded registry.
/// Implementations: <see cref="InMemorySchemaStore"/> (tests), <see cref="FileSchemaStore"/>
/// (single node), and KafkaSchemaStore on a compacted topic (src/Avro.Registry.Kafka).
/// </summary>
public interface ISchemaStore
{
    /// <summary>Every record appended so far, in append order.</summary>
    IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A position past every record appended so far. It grows with each append and never goes back, and a read
    /// started after it was taken yields every record before it: so an unchanged end means nothing was appended.
    /// </summary>
    Task<long> EndAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="record"/>; when the task completes, the record survives a crash.</summary>
    Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets <paramref name="lost"/>, an appended record that lost a race for its id or version, which every replay
    /// ignores (RegistryState). A compacted store must drop it so compaction can never leave it in place of the record
    /// it lost to; a store that never drops records may keep it, since replays ignore it anyway.
    /// </summary>
    Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default);
}
