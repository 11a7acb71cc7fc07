using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;

namespace RecoStreams.QueryApi.Observability;

/// <summary>Counts every call to the schema registry (embedded or remote) by operation and outcome.</summary>
public sealed class MeteredSchemaRegistryClient(ISchemaRegistryClient inner, SchemaRegistryCalls calls) : ISchemaRegistryClient
{
    public Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        Count("register", inner.RegisterAsync(subject, schema, cancellationToken));

    public Task<RegisteredSchema> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        Count("lookup", inner.LookupAsync(subject, schema, cancellationToken));

    public Task<string> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default) =>
        Count("get_schema_by_id", inner.GetSchemaByIdAsync(id, cancellationToken));

    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) =>
        Count("get_subjects", inner.GetSubjectsAsync(cancellationToken));

    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default) =>
        Count("get_versions", inner.GetVersionsAsync(subject, cancellationToken));

    public Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default) =>
        Count("get_version", inner.GetVersionAsync(subject, version, cancellationToken));

    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default) =>
        Count("test_compatibility", inner.TestCompatibilityAsync(subject, schema, version, cancellationToken));

    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) =>
        Count("get_compatibility", inner.GetCompatibilityAsync(subject, cancellationToken));

    public Task<CompatibilityLevel> SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default) =>
        Count("set_compatibility", inner.SetCompatibilityAsync(level, subject, cancellationToken));

    private async Task<T> Count<T>(string operation, Task<T> call)
    {
        try
        {
            var result = await call.ConfigureAwait(false);
            calls.Record(operation, succeeded: true);
            return result;
        }
        catch
        {
            calls.Record(operation, succeeded: false);
            throw;
        }
    }
}
