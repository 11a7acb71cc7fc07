using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>A schema with a full name: record, enum or fixed.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(AvroType type, SchemaName name, IReadOnlyList<SchemaName>? aliases, string? doc, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(type, logicalType, properties)
    {
        Name = name;
        Aliases = aliases ?? [];
        Doc = doc;
    }

    /// <summary>The schema's full name.</summary>
    public SchemaName Name { get; }

    /// <summary>Alternate full names, used when resolving against a schema written under an older name.</summary>
    public IReadOnlyList<SchemaName> Aliases { get; }

    /// <summary>Documentation, if any.</summary>
    public string? Doc { get; }
}
