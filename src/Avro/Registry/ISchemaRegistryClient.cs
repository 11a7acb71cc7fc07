using RecoStreams.Avro.Compatibility;

namespace RecoStreams.Avro.Registry;

/// <summary>
/// The operations of Confluent's Schema Registry that producers, consumers and tooling need.
/// Implemented over HTTP by <see cref="Client.SchemaRegistryClient"/> and in-process by
/// <see cref="Embedded.EmbeddedSchemaRegistry"/>. Failures raise <see cref="SchemaRegistryException"/>
/// carrying Confluent's error code.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/> (or finds it already there) and returns its global id.</summary>
    Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>Finds the version of <paramref name="subject"/> holding <paramref name="schema"/>; 40401 or 40403 when absent.</summary>
    Task<RegisteredSchema> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>The schema text with global id <paramref name="id"/>; 40403 when unknown.</summary>
    Task<string> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>All subjects with at least one live version.</summary>
    Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The live versions of <paramref name="subject"/>, ascending.</summary>
    Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>One version of <paramref name="subject"/>; <c>null</c> means the latest.</summary>
    Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>Tests <paramref name="schema"/> against one version of <paramref name="subject"/> (<c>null</c>: latest) under the subject's level.</summary>
    Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>The compatibility level of <paramref name="subject"/>, falling back to the global one; <c>null</c> subject: the global level.</summary>
    Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the compatibility level of <paramref name="subject"/>, or the global one when it is <c>null</c>.</summary>
    Task<CompatibilityLevel> SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default);
}
