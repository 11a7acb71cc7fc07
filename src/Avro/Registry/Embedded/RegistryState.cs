using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>The registry's in-memory state, a fold of its log records. Not thread-safe: the owner locks.</summary>
internal sealed class RegistryState
{
    public sealed record VersionEntry(int Version, int Id, bool Deleted);

    public sealed record StoredSchema(string Text, AvroSchema Parsed, string Identity);

    public Dictionary<string, List<VersionEntry>> Subjects { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, StoredSchema> Schemas { get; } = [];

    public Dictionary<string, int> IdByIdentity { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CompatibilityLevel> SubjectLevels { get; } = new(StringComparer.Ordinal);

    /// <summary>Records of the log that lost a race and were ignored, in log order.</summary>
    public List<SchemaVersionRecord> Lost { get; } = [];

    /// <summary>Confluent's default.</summary>
    public CompatibilityLevel GlobalLevel { get; private set; } = CompatibilityLevel.Backward;

    public int NextId => Schemas.Count == 0 ? 1 : Schemas.Keys.Max() + 1;

    /// <summary>Versions are never reused, not even after a soft delete.</summary>
    public int NextVersion(string subject) =>
        Subjects.TryGetValue(subject, out var versions) && versions.Count > 0 ? versions.Max(v => v.Version) + 1 : 1;

    public CompatibilityLevel LevelOf(string subject) => SubjectLevels.GetValueOrDefault(subject, GlobalLevel);

    public IEnumerable<VersionEntry> LiveVersions(string subject) =>
        Subjects.TryGetValue(subject, out var versions) ? versions.Where(v => !v.Deleted) : [];

    public VersionEntry? FindLive(string subject, string identity) =>
        IdByIdentity.TryGetValue(identity, out var id) ? LiveVersions(subject).FirstOrDefault(v => v.Id == id) : null;

    public void Apply(SchemaRegistryRecord record)
    {
        switch (record)
        {
            case SchemaVersionRecord schema:
                ApplySchema(schema);
                break;
            case CompatibilityConfigRecord { Subject: null } config:
                GlobalLevel = CompatibilityLevelNames.Parse(config.Compatibility);
                break;
            case CompatibilityConfigRecord config:
                SubjectLevels[config.Subject] = CompatibilityLevelNames.Parse(config.Compatibility);
                break;
            default:
                throw new InvalidDataException($"unknown schema registry record {record.GetType().Name}");
        }
    }

    /// <summary>
    /// Several processes may append to one log at once (each instance of an app registers through the shared
    /// _schemas topic), each choosing ids and versions from the state it last replayed. The log's order decides:
    /// a record that gives a taken id another schema, or a taken version of its subject another id, lost the race
    /// and is void for every reader. Its writer sees that on its replay and registers again.
    /// </summary>
    private void ApplySchema(SchemaVersionRecord record)
    {
        var versions = Subjects.TryGetValue(record.Subject, out var list) ? list : null;
        var index = versions?.FindIndex(v => v.Version == record.Version) ?? -1;
        if (index >= 0 && versions![index].Id != record.Id)
        {
            Lost.Add(record);
            return;
        }

        if (Schemas.TryGetValue(record.Id, out var stored))
        {
            // Writers copy the stored text for a known id, so equal text is the common case and needs no parse.
            if (stored.Text != record.Schema && stored.Identity != SchemaIdentity.KeyOf(AvroSchema.Parse(record.Schema)))
            {
                Lost.Add(record);
                return;
            }
        }
        else
        {
            var parsed = AvroSchema.Parse(record.Schema);
            var identity = SchemaIdentity.KeyOf(parsed);
            Schemas[record.Id] = new StoredSchema(record.Schema, parsed, identity);
            IdByIdentity.TryAdd(identity, record.Id);
        }

        versions ??= Subjects[record.Subject] = [];
        var entry = new VersionEntry(record.Version, record.Id, record.Deleted);
        if (index >= 0)
        {
            versions[index] = entry;
        }
        else
        {
            versions.Add(entry);
            versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        }
    }
}
