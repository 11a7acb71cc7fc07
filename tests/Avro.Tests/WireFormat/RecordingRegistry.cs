using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;

namespace RecoStreams.Avro.Tests.WireFormat;

/// <summary>
/// A minimal registry double that records calls, so tests can see what the serdes ask and how
/// often. Ids are assigned per distinct schema text; it does no compatibility checking.
/// </summary>
internal sealed class RecordingRegistry : ISchemaRegistryClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _idBySchema = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _schemaById = [];
    private readonly Dictionary<string, List<int>> _idsBySubject = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public int Add(string subject, string schema)
    {
        lock (_gate)
        {
            if (!_idBySchema.TryGetValue(schema, out var id))
            {
                id = _idBySchema.Count + 1;
                _idBySchema[schema] = id;
                _schemaById[id] = schema;
            }

            var ids = _idsBySubject.TryGetValue(subject, out var list) ? list : _idsBySubject[subject] = [];
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }

            return id;
        }
    }

    public Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Calls.Add($"register {subject}");
        }

        return Task.FromResult(Add(subject, schema));
    }

    public Task<RegisteredSchema> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Calls.Add($"lookup {subject}");
            if (!_idsBySubject.TryGetValue(subject, out var ids))
            {
                throw new SchemaRegistryException(SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");
            }

            var id = _idBySchema.GetValueOrDefault(schema);
            var index = ids.IndexOf(id);
            return index < 0
                ? throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found")
                : Task.FromResult(new RegisteredSchema(subject, index + 1, id, schema));
        }
    }

    public Task<string> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Calls.Add($"schema {id}");
            return _schemaById.TryGetValue(id, out var schema) ? Task.FromResult(schema)
                : throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {id} not found");
        }
    }

    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CompatibilityLevel> SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
