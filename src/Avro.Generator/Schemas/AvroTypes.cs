using System.Collections.Generic;
using RecoStreams.Avro.Generator.Json;

namespace RecoStreams.Avro.Generator.Schemas;

/// <summary>An Avro type as the generator understands it; built by <see cref="SchemaReader"/>.</summary>
internal abstract class AvroType
{
    protected AvroType(JsonValue definition) => Definition = definition;

    /// <summary>Where the type is written in its file (for diagnostics).</summary>
    public JsonValue Definition { get; }
}

internal enum PrimitiveKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
}

/// <summary>Logical types the generator maps to a .NET type; others are rejected or ignored (unknown ones, per the spec).</summary>
internal enum LogicalKind
{
    None,
    Uuid,
    TimestampMillis,
}

internal sealed class PrimitiveType : AvroType
{
    public PrimitiveType(JsonValue definition, PrimitiveKind kind, LogicalKind logical)
        : base(definition)
    {
        Kind = kind;
        Logical = logical;
    }

    public PrimitiveKind Kind { get; }

    public LogicalKind Logical { get; }

    public static string NameOf(PrimitiveKind kind) => kind.ToString().ToLowerInvariant();
}

internal abstract class NamedType : AvroType
{
    protected NamedType(JsonValue definition, string name, string? space, string? doc, IReadOnlyList<string> aliases)
        : base(definition)
    {
        Name = name;
        Namespace = space;
        Doc = doc;
        Aliases = aliases;
    }

    public string Name { get; }

    public string? Namespace { get; }

    public string FullName => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "." + Name;

    public string? Doc { get; }

    /// <summary>Full names this type was known by before a rename.</summary>
    public IReadOnlyList<string> Aliases { get; }
}

internal sealed class EnumType : NamedType
{
    public EnumType(JsonValue definition, string name, string? space, string? doc, IReadOnlyList<string> aliases, IReadOnlyList<string> symbols, string? defaultSymbol)
        : base(definition, name, space, doc, aliases)
    {
        Symbols = symbols;
        Default = defaultSymbol;
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Symbol a reader uses for a symbol it does not know; null when none is declared.</summary>
    public string? Default { get; }
}

internal sealed class RecordType : NamedType
{
    private readonly List<RecordField> _fields = [];

    public RecordType(JsonValue definition, string name, string? space, string? doc, IReadOnlyList<string> aliases, bool isTopLevel)
        : base(definition, name, space, doc, aliases) => IsTopLevel = isTopLevel;

    /// <summary>Fields in schema order (the encoding order).</summary>
    public IReadOnlyList<RecordField> Fields => _fields;

    /// <summary>True for the record a file defines; false for records defined inside it.</summary>
    public bool IsTopLevel { get; }

    // Filled after the record is registered, so fields can refer to the record itself.
    internal void Add(RecordField field) => _fields.Add(field);
}

internal sealed class RecordField
{
    public RecordField(JsonObject definition, string name, string? doc, AvroType type, JsonValue? defaultValue, IReadOnlyList<string> aliases)
    {
        Definition = definition;
        Name = name;
        Doc = doc;
        Type = type;
        Default = defaultValue;
        Aliases = aliases;
    }

    public JsonObject Definition { get; }

    public string Name { get; }

    public string? Doc { get; }

    public AvroType Type { get; }

    /// <summary>The default as written; null when the field has none.</summary>
    public JsonValue? Default { get; }

    public IReadOnlyList<string> Aliases { get; }
}

internal sealed class ArrayType : AvroType
{
    public ArrayType(JsonValue definition, AvroType items)
        : base(definition) => Items = items;

    public AvroType Items { get; }
}

internal sealed class MapType : AvroType
{
    public MapType(JsonValue definition, AvroType values)
        : base(definition) => Values = values;

    public AvroType Values { get; }
}

internal sealed class UnionType : AvroType
{
    public UnionType(JsonValue definition, IReadOnlyList<AvroType> branches)
        : base(definition) => Branches = branches;

    public IReadOnlyList<AvroType> Branches { get; }

    /// <summary>The branch index of null, or -1.</summary>
    public int NullIndex
    {
        get
        {
            for (var i = 0; i < Branches.Count; i++)
            {
                if (Branches[i] is PrimitiveType { Kind: PrimitiveKind.Null })
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>The non-null branch of a two-branch union with null (an optional value), or null.</summary>
    public AvroType? OptionalOf => Branches.Count == 2 && NullIndex >= 0 ? Branches[1 - NullIndex] : null;
}
