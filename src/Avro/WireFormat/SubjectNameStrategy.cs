using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.WireFormat;

/// <summary>How the registry subject of a message's schema is named, as in Confluent's serializers.</summary>
public enum SubjectNameStrategy
{
    /// <summary><c>{topic}-key</c> or <c>{topic}-value</c>: one schema lineage per topic (the default).</summary>
    TopicName,
    /// <summary><c>{record full name}</c>: one lineage per record type, shared across topics.</summary>
    RecordName,
    /// <summary><c>{topic}-{record full name}</c>: several record types per topic, each with its own lineage.</summary>
    TopicRecordName,
}

/// <summary>Computes subject names.</summary>
public static class SubjectNames
{
    /// <summary>The subject for a schema written to <paramref name="topic"/> as key or value.</summary>
    public static string For(SubjectNameStrategy strategy, string topic, bool isKey, AvroSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(schema);
        return strategy switch
        {
            SubjectNameStrategy.TopicName => topic + (isKey ? "-key" : "-value"),
            SubjectNameStrategy.RecordName => RecordFullName(schema, strategy),
            SubjectNameStrategy.TopicRecordName => topic + "-" + RecordFullName(schema, strategy),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "not a subject name strategy"),
        };
    }

    private static string RecordFullName(AvroSchema schema, SubjectNameStrategy strategy) =>
        schema is RecordSchema record ? record.Name.FullName
            : throw new ArgumentException($"{strategy} needs a record schema, got {schema.Type.ToJsonName()}", nameof(schema));
}
