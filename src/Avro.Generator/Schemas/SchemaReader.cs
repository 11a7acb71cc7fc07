using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecoStreams.Avro.Generator.Json;

namespace RecoStreams.Avro.Generator.Schemas;

/// <summary>
/// Reads an .avsc file into <see cref="AvroType"/>s, checking what the Avro specification requires
/// (names, unique fields and symbols, defaults that match their types) and rejecting, with the
/// place in the file, constructs the generator has no C# mapping for.
/// </summary>
internal sealed class SchemaReader
{
    private static readonly HashSet<string> PrimitiveNames = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

    // Logical types of the specification the generated code has no .NET mapping for yet.
    private static readonly HashSet<string> UnsupportedLogicalTypes =
    [
        "decimal", "big-decimal", "date", "time-millis", "time-micros", "timestamp-micros", "timestamp-nanos",
        "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos", "duration",
    ];

    private readonly Dictionary<string, NamedType> _named = [];

    private SchemaReader()
    {
    }

    /// <summary>All named types of the file, in definition order.</summary>
    public IReadOnlyCollection<NamedType> NamedTypes => _named.Values;

    /// <summary>Parses a whole file; its top-level type must be a record.</summary>
    /// <exception cref="SchemaFileException">The file is not valid JSON or not a schema the generator supports.</exception>
    public static (RecordType Root, IReadOnlyList<NamedType> Named) ReadFile(string text)
    {
        var json = JsonParser.Parse(text);
        var reader = new SchemaReader();
        var root = reader.Read(json, null, isTopLevel: true);
        return root is RecordType record
            ? (record, reader.NamedTypes.ToList())
            : throw new SchemaFileException("a contract file must define a record at the top level", json);
    }

    private AvroType Read(JsonValue json, string? space, bool isTopLevel = false) => json switch
    {
        JsonString name => Reference(name, space),
        JsonArray union => ReadUnion(union, space),
        JsonObject obj => ReadObject(obj, space, isTopLevel),
        _ => throw new SchemaFileException($"expected a type (a name, an object or a union array), found {json.Kind}", json),
    };

    private AvroType Reference(JsonString name, string? space)
    {
        if (PrimitiveNames.Contains(name.Value))
        {
            return new PrimitiveType(name, Primitive(name.Value), LogicalKind.None);
        }

        var full = name.Value.IndexOf('.') >= 0 || string.IsNullOrEmpty(space) ? name.Value : space + "." + name.Value;
        if (_named.TryGetValue(full, out var type) || _named.TryGetValue(name.Value, out type))
        {
            return type;
        }

        throw new SchemaFileException($"unknown type '{name.Value}' (named types must be defined before they are used, in the same file)", name);
    }

    private UnionType ReadUnion(JsonArray json, string? space)
    {
        var branches = new List<AvroType>();
        var seen = new HashSet<string>();
        foreach (var item in json.Items)
        {
            var branch = Read(item, space);
            if (branch is UnionType)
            {
                throw new SchemaFileException("a union cannot directly contain another union", item);
            }

            var key = branch switch
            {
                NamedType named => named.FullName,
                PrimitiveType primitive => PrimitiveType.NameOf(primitive.Kind),
                ArrayType => "array",
                MapType => "map",
                _ => "?",
            };
            if (!seen.Add(key))
            {
                throw new SchemaFileException($"the union has two branches of type {key}", item);
            }

            branches.Add(branch);
        }

        return new UnionType(json, branches);
    }

    private AvroType ReadObject(JsonObject json, string? space, bool isTopLevel)
    {
        var type = json["type"] ?? throw new SchemaFileException("the type object has no \"type\"", json);
        if (type is not JsonString kind)
        {
            // {"type": {...}} or {"type": [...]}: the inner value is the type.
            return Read(type, space);
        }

        switch (kind.Value)
        {
            case "record":
            case "error":
                return ReadRecord(json, space, isTopLevel);
            case "enum":
                return ReadEnum(json, space);
            case "array":
                return new ArrayType(json, Read(Required(json, "items"), space));
            case "map":
                return new MapType(json, Read(Required(json, "values"), space));
            case "fixed":
                throw new SchemaFileException("fixed types are not supported by the contract generator yet", kind);
            default:
                if (!PrimitiveNames.Contains(kind.Value))
                {
                    return Reference(kind, space);
                }

                return new PrimitiveType(json, Primitive(kind.Value), Logical(json, kind.Value));
        }
    }

    private static LogicalKind Logical(JsonObject json, string underlying)
    {
        if (json["logicalType"] is not JsonString logical)
        {
            return LogicalKind.None;
        }

        switch (logical.Value)
        {
            case "uuid" when underlying == "string":
                return LogicalKind.Uuid;
            case "timestamp-millis" when underlying == "long":
                return LogicalKind.TimestampMillis;
            default:
                if (UnsupportedLogicalTypes.Contains(logical.Value) && IsValidUnderlying(logical.Value, underlying))
                {
                    throw new SchemaFileException($"logical type '{logical.Value}' is not supported by the contract generator yet (supported: uuid, timestamp-millis)", logical);
                }

                // The specification says an unknown or misplaced logical type is ignored.
                return LogicalKind.None;
        }
    }

    private static bool IsValidUnderlying(string logical, string underlying) => logical switch
    {
        "decimal" => underlying == "bytes",
        "big-decimal" => underlying == "bytes",
        "date" or "time-millis" => underlying == "int",
        "duration" => false,
        _ => underlying == "long",
    };

    private RecordType ReadRecord(JsonObject json, string? space, bool isTopLevel)
    {
        var (name, ns) = Name(json, space);
        var record = new RecordType(json, name, ns, Doc(json), Aliases(json, ns), isTopLevel);
        Register(record);
        var fieldsJson = Required(json, "fields") as JsonArray
            ?? throw new SchemaFileException($"record {record.FullName}: \"fields\" must be an array", json["fields"]!);
        var names = new HashSet<string>();
        foreach (var item in fieldsJson.Items)
        {
            var field = item as JsonObject ?? throw new SchemaFileException($"record {record.Name}: a field must be an object, found {item.Kind}", item);
            var fieldName = Identifier(field, "name", $"a field of record {record.Name}");
            if (!names.Add(fieldName))
            {
                throw new SchemaFileException($"record {record.Name} has two fields named '{fieldName}'", field["name"]!);
            }

            var type = Read(Required(field, "type"), ns);
            var defaultValue = field["default"];
            if (defaultValue is not null)
            {
                CheckDefault(type, defaultValue, $"field '{fieldName}' of record {record.Name}");
            }

            record.Add(new RecordField(field, fieldName, Doc(field), type, defaultValue, Aliases(field, null)));
        }

        return record;
    }

    private EnumType ReadEnum(JsonObject json, string? space)
    {
        var (name, ns) = Name(json, space);
        var symbolsJson = Required(json, "symbols") as JsonArray
            ?? throw new SchemaFileException($"enum {name}: \"symbols\" must be an array", json["symbols"]!);
        var symbols = new List<string>();
        foreach (var item in symbolsJson.Items)
        {
            if (item is not JsonString symbol || !IsIdentifier(symbol.Value))
            {
                throw new SchemaFileException($"enum {name}: a symbol must be a string matching [A-Za-z_][A-Za-z0-9_]*", item);
            }

            if (symbols.Contains(symbol.Value))
            {
                throw new SchemaFileException($"enum {name} has the symbol '{symbol.Value}' twice", item);
            }

            symbols.Add(symbol.Value);
        }

        if (symbols.Count == 0)
        {
            throw new SchemaFileException($"enum {name} has no symbols", symbolsJson);
        }

        string? defaultSymbol = null;
        if (json["default"] is { } defaultJson)
        {
            defaultSymbol = defaultJson is JsonString s && symbols.Contains(s.Value) ? s.Value
                : throw new SchemaFileException($"enum {name}: the default must be one of its symbols", defaultJson);
        }

        var type = new EnumType(json, name, ns, Doc(json), Aliases(json, ns), symbols, defaultSymbol);
        Register(type);
        return type;
    }

    private void Register(NamedType type)
    {
        if (PrimitiveNames.Contains(type.Name))
        {
            throw new SchemaFileException($"'{type.Name}' is a primitive type and cannot name a {(type is EnumType ? "enum" : "record")}", type.Definition);
        }

        if (_named.ContainsKey(type.FullName))
        {
            throw new SchemaFileException($"the type {type.FullName} is defined twice", type.Definition);
        }

        _named.Add(type.FullName, type);
    }

    /// <summary>Checks a default against its type: a union's default matches its first branch (Avro 1.11).</summary>
    private static void CheckDefault(AvroType type, JsonValue value, string owner)
    {
        var ok = type switch
        {
            PrimitiveType { Kind: PrimitiveKind.Null } => value is JsonNull,
            PrimitiveType { Kind: PrimitiveKind.Boolean } => value is JsonBoolean,
            PrimitiveType { Kind: PrimitiveKind.Int } => value is JsonNumber { IsInteger: true } n
                && int.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            PrimitiveType { Kind: PrimitiveKind.Long } => value is JsonNumber { IsInteger: true } n
                && long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            PrimitiveType { Kind: PrimitiveKind.Float or PrimitiveKind.Double } => value is JsonNumber,
            PrimitiveType { Logical: LogicalKind.Uuid } => value is JsonString { Value: var s } && System.Guid.TryParseExact(s, "D", out _),
            PrimitiveType { Kind: PrimitiveKind.String or PrimitiveKind.Bytes } => value is JsonString,
            EnumType e => value is JsonString { Value: var symbol } && e.Symbols.Contains(symbol),
            ArrayType => value is JsonArray,
            MapType => value is JsonObject,
            RecordType => value is JsonObject,
            UnionType union => union.Branches.Count > 0 && Matches(union.Branches[0], value),
            _ => false,
        };
        if (!ok)
        {
            throw new SchemaFileException($"{owner}: the default {Describe(value)} does not match the field's type{(type is UnionType ? " (a union's default must match its first branch)" : "")}", value);
        }

        switch (type)
        {
            case ArrayType array:
                foreach (var item in ((JsonArray)value).Items)
                {
                    CheckDefault(array.Items, item, owner);
                }

                break;
            case MapType map:
                foreach (var entry in ((JsonObject)value).Properties)
                {
                    CheckDefault(map.Values, entry.Value, owner);
                }

                break;
            case RecordType record:
                var obj = (JsonObject)value;
                foreach (var field in record.Fields)
                {
                    var fieldValue = obj[field.Name] ?? field.Default
                        ?? throw new SchemaFileException($"{owner}: the default has no value for '{field.Name}', which has no default", value);
                    CheckDefault(field.Type, fieldValue, owner);
                }

                break;
            case UnionType union:
                CheckDefault(union.Branches[0], value, owner);
                break;
        }
    }

    private static bool Matches(AvroType type, JsonValue value)
    {
        try
        {
            CheckDefault(type, value, "");
            return true;
        }
        catch (SchemaFileException)
        {
            return false;
        }
    }

    private static string Describe(JsonValue value) => value switch
    {
        JsonString s => "\"" + s.Value + "\"",
        JsonNumber n => n.Text,
        _ => value.Kind,
    };

    private static (string Name, string? Namespace) Name(JsonObject json, string? space)
    {
        var nameJson = Required(json, "name") as JsonString
            ?? throw new SchemaFileException("\"name\" must be a string", json["name"]!);
        var declared = json["namespace"] is JsonString ns ? ns.Value : space;
        var dot = nameJson.Value.LastIndexOf('.');
        var (name, space2) = dot >= 0 ? (nameJson.Value.Substring(dot + 1), nameJson.Value.Substring(0, dot)) : (nameJson.Value, declared);
        if (!IsIdentifier(name) || (!string.IsNullOrEmpty(space2) && !space2!.Split('.').All(IsIdentifier)))
        {
            throw new SchemaFileException($"'{nameJson.Value}' is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]* separated by dots)", nameJson);
        }

        return (name, string.IsNullOrEmpty(space2) ? null : space2);
    }

    private static string Identifier(JsonObject json, string property, string what)
    {
        var value = Required(json, property);
        return value is JsonString s && IsIdentifier(s.Value) ? s.Value
            : throw new SchemaFileException($"{what}: \"{property}\" must be a string matching [A-Za-z_][A-Za-z0-9_]*", value);
    }

    private static JsonValue Required(JsonObject json, string property) =>
        json[property] ?? throw new SchemaFileException($"missing \"{property}\"", json);

    private static string? Doc(JsonObject json) => json["doc"] is JsonString doc ? doc.Value : null;

    private static IReadOnlyList<string> Aliases(JsonObject json, string? space) =>
        json["aliases"] is JsonArray aliases
            ? [.. aliases.Items.OfType<JsonString>().Select(a => a.Value.IndexOf('.') >= 0 || string.IsNullOrEmpty(space) ? a.Value : space + "." + a.Value)]
            : [];

    private static bool IsIdentifier(string text) =>
        text.Length > 0
        && text[0] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'
        && text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    private static PrimitiveKind Primitive(string name) => name switch
    {
        "null" => PrimitiveKind.Null,
        "boolean" => PrimitiveKind.Boolean,
        "int" => PrimitiveKind.Int,
        "long" => PrimitiveKind.Long,
        "float" => PrimitiveKind.Float,
        "double" => PrimitiveKind.Double,
        "bytes" => PrimitiveKind.Bytes,
        _ => PrimitiveKind.String,
    };
}
