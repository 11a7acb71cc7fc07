using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>
/// A Confluent-compatible schema registry inside the process, over an append-only
/// <see cref="ISchemaStore"/>. Identical schemas (equal up to docs and formatting, see <see cref="SchemaIdentity"/>) share one global id across
/// subjects; registering an already-registered schema returns its id without a new version. New
/// versions are checked under the subject's compatibility level (or the global one, BACKWARD by
/// default). Errors carry Confluent's codes. Writes are serialized; reads see a consistent state.
/// When several processes share one store (every instance of an app on one _schemas topic), each
/// replays the store again before it registers and after it appends (the log's order settles a race for
/// an id, see RegistryState), and when asked for an id it does not know, if the store has grown since.
/// </summary>
public sealed class EmbeddedSchemaRegistry : ISchemaRegistryClient
{
    private readonly ISchemaStore _store;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _stateGate = new();
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private RegistryState _state = new();
    private long _replayedEnd = -1;

    private EmbeddedSchemaRegistry(ISchemaStore store) => _store = store;

    /// <summary>
    /// How many times a registration may lose the race for an id or version to another process sharing the store
    /// before it fails: each loss means another writer's record landed first, so a retry sees it.
    /// </summary>
    public const int RegistrationAttempts = 5;

    /// <summary>Opens a registry, replaying <paramref name="store"/> to rebuild its state.</summary>
    public static async Task<EmbeddedSchemaRegistry> OpenAsync(ISchemaStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var registry = new EmbeddedSchemaRegistry(store);
        await registry.CatchUpAsync(cancellationToken).ConfigureAwait(false);

        return registry;
    }

    /// <inheritdoc />
    public async Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        var parsed = Parse(schema);
        var identity = SchemaIdentity.KeyOf(parsed);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Ids and versions come from this state: it must include what other processes appended.
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                SchemaVersionRecord record;
                lock (_stateGate)
                {
                    if (_state.FindLive(subject, identity) is { } existing)
                    {
                        return existing.Id;
                    }

                    if (attempt > RegistrationAttempts)
                    {
                        throw new SchemaRegistryException(SchemaRegistryErrorCodes.BackendStoreError,
                            $"Registering under subject \"{subject}\" lost to other writers of the store {RegistrationAttempts} times");
                    }

                    var previous = _state.LiveVersions(subject).Select(v => _state.Schemas[v.Id].Parsed).ToList();
                    var result = CompatibilityChecker.Check(parsed, previous, _state.LevelOf(subject));
                    if (!result.IsCompatible)
                    {
                        throw new SchemaRegistryException(SchemaRegistryErrorCodes.IncompatibleSchema,
                            $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\": {result}");
                    }

                    var id = _state.IdByIdentity.TryGetValue(identity, out var known) ? known : _state.NextId;
                    var text = _state.Schemas.TryGetValue(id, out var stored) ? stored.Text : schema;
                    record = new SchemaVersionRecord(subject, _state.NextVersion(subject), id, text);
                }

                await _store.AppendAsync(record, cancellationToken).ConfigureAwait(false);
                // Another process may have appended the same id or version first: the replay says whose record holds.
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                bool lost;
                lock (_stateGate)
                {
                    lost = _state.Lost.Contains(record);
                }

                if (lost)
                {
                    await _store.RetractAsync(record, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        var identity = SchemaIdentity.KeyOf(Parse(schema));
        lock (_stateGate)
        {
            RequireLiveSubject(subject);
            var found = _state.FindLive(subject, identity)
                ?? throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found");
            return Task.FromResult(ToRegistered(subject, found));
        }
    }

    /// <inheritdoc />
    public async Task<string> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        if (TryGetSchemaText(id) is { } known)
        {
            return known;
        }

        // Another process may have registered it since the last replay. A writer's append completes before it
        // frames a record with the id, so a log that has not grown since then proves the id unknown without a replay:
        // a stream of garbage ids (on its way to a dead-letter topic) costs one end lookup each, not a replay each.
        var end = await _store.EndAsync(cancellationToken).ConfigureAwait(false);
        if (!ReplayedTo(end))
        {
            await CatchUpAsync(cancellationToken, end).ConfigureAwait(false);
        }

        return TryGetSchemaText(id) ?? throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {id} not found");
    }

    /// <summary>Whether a replay has read the store at least to <paramref name="end"/> (ends only grow).</summary>
    private bool ReplayedTo(long end) => Interlocked.Read(ref _replayedEnd) >= end;

    private string? TryGetSchemaText(int id)
    {
        lock (_stateGate)
        {
            return _state.Schemas.TryGetValue(id, out var stored) ? stored.Text : null;
        }
    }

    /// <summary>
    /// Replays the whole store into a fresh state (the log is small: one record per schema version or setting).
    /// <paramref name="knownEnd"/>, the store's end its caller just read, spares a second lookup and a replay that
    /// another caller, waiting on the same gate, already made.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken, long? knownEnd = null)
    {
        await _catchUpGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (knownEnd is { } known && ReplayedTo(known))
            {
                return;
            }

            // Taken before the replay, which reads at least this far: a later end equal to it means nothing new.
            var end = knownEnd ?? await _store.EndAsync(cancellationToken).ConfigureAwait(false);
            var replayed = new RegistryState();
            await foreach (var record in _store.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                replayed.Apply(record);
            }

            lock (_stateGate)
            {
                _state = replayed;
            }

            Interlocked.Exchange(ref _replayedEnd, end);
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateGate)
        {
            IReadOnlyList<string> subjects = _state.Subjects.Keys.Where(s => _state.LiveVersions(s).Any()).Order(StringComparer.Ordinal).ToList();
            return Task.FromResult(subjects);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        lock (_stateGate)
        {
            RequireLiveSubject(subject);
            IReadOnlyList<int> versions = _state.LiveVersions(subject).Select(v => v.Version).ToList();
            return Task.FromResult(versions);
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        lock (_stateGate)
        {
            return Task.FromResult(ToRegistered(subject, FindVersion(subject, version)));
        }
    }

    /// <inheritdoc />
    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        var parsed = Parse(schema);
        lock (_stateGate)
        {
            var level = _state.LevelOf(subject);
            IReadOnlyList<AvroSchema> against;
            if (version is null)
            {
                // Against "latest" the level decides: the newest version, or every version when transitive.
                against = _state.LiveVersions(subject).Select(v => _state.Schemas[v.Id].Parsed).ToList();
            }
            else
            {
                against = [_state.Schemas[FindVersion(subject, version).Id].Parsed];
            }

            var result = CompatibilityChecker.Check(parsed, against, level);
            return Task.FromResult(new CompatibilityCheckResult(result.IsCompatible,
                result.Incompatibilities.Select(i => i.Context is null ? i.ToString() : $"{i} [{i.Context}]").ToList()));
        }
    }

    /// <inheritdoc />
    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        lock (_stateGate)
        {
            return Task.FromResult(subject is null ? _state.GlobalLevel : _state.LevelOf(subject));
        }
    }

    /// <summary>The level set on <paramref name="subject"/> itself, or null when it follows the global level.</summary>
    public CompatibilityLevel? GetSubjectCompatibilityOverride(string subject)
    {
        lock (_stateGate)
        {
            return _state.SubjectLevels.TryGetValue(subject, out var level) ? level : null;
        }
    }

    /// <inheritdoc />
    public async Task<CompatibilityLevel> SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendAndApplyAsync(new CompatibilityConfigRecord(subject, CompatibilityLevelNames.ToName(level)), cancellationToken).ConfigureAwait(false);
            return level;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Soft-deletes every live version of <paramref name="subject"/> and returns their numbers; ids stay resolvable.</summary>
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        RequireSubject(subject);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            List<SchemaVersionRecord> deletions;
            List<SchemaVersionRecord> lost;
            lock (_stateGate)
            {
                RequireLiveSubject(subject);
                deletions = _state.LiveVersions(subject)
                    .Select(v => new SchemaVersionRecord(subject, v.Version, v.Id, _state.Schemas[v.Id].Text, Deleted: true)).ToList();
                lost = [.. _state.Lost];
            }

            // A delete replaces its version's registration under the same key, later in the log than any record that
            // lost to it; were such a record still there when compaction runs, a replay would meet it first. Its writer
            // retracts it, unless it died first: retract it here too.
            foreach (var record in lost)
            {
                await _store.RetractAsync(record, cancellationToken).ConfigureAwait(false);
            }

            foreach (var deletion in deletions)
            {
                await AppendAndApplyAsync(deletion, cancellationToken).ConfigureAwait(false);
            }

            return deletions.Select(d => d.Version).ToList();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Appends first, so state never shows what the log could lose.</summary>
    private async Task AppendAndApplyAsync(SchemaRegistryRecord record, CancellationToken cancellationToken)
    {
        await _store.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        lock (_stateGate)
        {
            _state.Apply(record);
        }
    }

    private RegistryState.VersionEntry FindVersion(string subject, int? version)
    {
        RequireLiveSubject(subject);
        var live = _state.LiveVersions(subject).ToList();
        if (version is null)
        {
            return live[^1];
        }

        if (version <= 0)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidVersion,
                $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }

        return live.Find(v => v.Version == version)
            ?? throw new SchemaRegistryException(SchemaRegistryErrorCodes.VersionNotFound, $"Version {version} not found.");
    }

    private void RequireLiveSubject(string subject)
    {
        if (!_state.LiveVersions(subject).Any())
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");
        }
    }

    private RegisteredSchema ToRegistered(string subject, RegistryState.VersionEntry entry) =>
        new(subject, entry.Version, entry.Id, _state.Schemas[entry.Id].Text);

    private static void RequireSubject(string subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.UnprocessableEntity, "subject must not be empty");
        }
    }

    private static AvroSchema Parse(string schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidSchema, "Empty schema");
        }

        try
        {
            return AvroSchema.Parse(schema);
        }
        catch (Exception e) when (e is AvroException or System.Text.Json.JsonException)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidSchema, $"Invalid schema: {e.Message}", e);
        }
    }
}
