using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// Turns schema JSON into the schema model, enforcing the spec's rules and reporting each error
/// with the path of the offending part.
/// </summary>
internal sealed class SchemaParser
{
    private const string RootPath = "$";

    private static readonly HashSet<string> PrimitiveReserved = ["type", "logicalType"];
    private static readonly HashSet<string> RecordReserved = ["type", "name", "namespace", "doc", "aliases", "fields"];
    private static readonly HashSet<string> EnumReserved = ["type", "name", "namespace", "doc", "aliases", "symbols", "default"];
    private static readonly HashSet<string> FixedReserved = ["type", "name", "namespace", "doc", "aliases", "size", "logicalType"];
    private static readonly HashSet<string> ArrayReserved = ["type", "items"];
    private static readonly HashSet<string> MapReserved = ["type", "values"];
    private static readonly HashSet<string> FieldReserved = ["name", "type", "default", "doc", "order", "aliases"];

    private readonly SchemaNames _names;
    private readonly List<(RecordField Field, string Path)> _defaultsToCheck = [];

    private SchemaParser(SchemaNames names) => _names = names;

    public static AvroSchema Parse(string json, SchemaNames names)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"{RootPath}: schema is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            // Names go into a scope first, so a schema that fails to parse leaves the shared table untouched.
            var scope = names.BeginScope();
            var parser = new SchemaParser(scope);
            var schema = parser.ParseSchema(document.RootElement, null, RootPath);
            parser.ValidateDefaults();
            scope.Commit();
            return schema;
        }
    }

    private AvroSchema ParseSchema(JsonElement json, string? enclosingNamespace, string path) => json.ValueKind switch
    {
        JsonValueKind.String => ParseReference(json.GetString()!, enclosingNamespace, path),
        JsonValueKind.Array => ParseUnion(json, enclosingNamespace, path),
        JsonValueKind.Object => ParseObject(json, enclosingNamespace, path),
        _ => throw Error(path, $"a schema must be a string, object or array, not {json.ValueKind}"),
    };

    private AvroSchema ParseReference(string name, string? enclosingNamespace, string path)
    {
        if (AvroTypeNames.PrimitiveFromName(name) is { } primitive)
        {
            return Primitive(primitive);
        }

        return _names.Resolve(name, enclosingNamespace) ?? throw Error(path, $"unknown type '{name}'");
    }

    private UnionSchema ParseUnion(JsonElement json, string? enclosingNamespace, string path)
    {
        var branches = new List<AvroSchema>();
        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            branches.Add(ParseSchema(element, enclosingNamespace, $"{path}[{index++}]"));
        }

        try
        {
            return new UnionSchema(branches);
        }
        catch (AvroSchemaException e)
        {
            throw Error(path, e.Message);
        }
    }

    private AvroSchema ParseObject(JsonElement json, string? enclosingNamespace, string path)
    {
        if (!json.TryGetProperty("type", out var typeElement))
        {
            throw Error(path, "missing 'type'");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: the attribute itself holds the schema.
            return ParseSchema(typeElement, enclosingNamespace, path + ".type");
        }

        var type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
                return ParseRecord(json, enclosingNamespace, path, isError: type == "error");
            case "enum":
                return ParseEnum(json, enclosingNamespace, path);
            case "fixed":
                return ParseFixed(json, enclosingNamespace, path);
            case "array":
                return new ArraySchema(ParseSchema(Required(json, "items", path), enclosingNamespace, path + ".items"), Properties(json, ArrayReserved));
            case "map":
                return new MapSchema(ParseSchema(Required(json, "values", path), enclosingNamespace, path + ".values"), Properties(json, MapReserved));
        }

        if (AvroTypeNames.PrimitiveFromName(type) is { } primitive)
        {
            return ParsePrimitive(json, primitive, path);
        }

        // {"type": "SomeName"} refers to a named type defined earlier.
        return _names.Resolve(type, enclosingNamespace) ?? throw Error(path + ".type", $"unknown type '{type}'");
    }

    private static PrimitiveSchema ParsePrimitive(JsonElement json, AvroType type, string path)
    {
        var logicalName = OptionalString(json, "logicalType", path);
        var logical = logicalName is null ? null : LogicalTypeRules.Create(logicalName, type, 0, json);
        var reserved = logical is null ? ["type"] : logical is DecimalLogicalType ? new HashSet<string>(PrimitiveReserved) { "precision", "scale" } : PrimitiveReserved;
        var properties = Properties(json, reserved);
        return logical is null && properties.Count == 0 ? Primitive(type) : new PrimitiveSchema(type, logical, properties);
    }

    private RecordSchema ParseRecord(JsonElement json, string? enclosingNamespace, string path, bool isError)
    {
        var (name, nameSpace) = ParseName(json, enclosingNamespace, ref path);
        var record = new RecordSchema(name, ParseAliases(json, nameSpace, path), OptionalString(json, "doc", path), Properties(json, RecordReserved), isError);
        _names.Add(record, path);

        var fieldsJson = Required(json, "fields", path);
        if (fieldsJson.ValueKind != JsonValueKind.Array)
        {
            throw Error(path + ".fields", "must be an array");
        }

        var fields = new List<RecordField>();
        foreach (var fieldJson in fieldsJson.EnumerateArray())
        {
            fields.Add(ParseField(fieldJson, fields.Count, nameSpace, $"{path}.fields[{fields.Count}]"));
        }

        try
        {
            record.SetFields(fields);
        }
        catch (AvroSchemaException e)
        {
            throw Error(path + ".fields", e.Message);
        }

        return record;
    }

    private RecordField ParseField(JsonElement json, int position, string? enclosingNamespace, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "a field must be an object");
        }

        var name = OptionalString(json, "name", path) ?? throw Error(path, "missing 'name'");
        ValidateSimpleName(name, path + ".name");
        var schema = ParseSchema(Required(json, "type", path), enclosingNamespace, path + ".type");
        var order = OptionalString(json, "order", path) switch
        {
            null or "ascending" => FieldOrder.Ascending,
            "descending" => FieldOrder.Descending,
            "ignore" => FieldOrder.Ignore,
            var other => throw Error(path + ".order", $"invalid order '{other}' (ascending, descending or ignore)"),
        };
        var aliases = StringArray(json, "aliases", path);
        foreach (var alias in aliases)
        {
            ValidateSimpleName(alias, path + ".aliases");
        }

        JsonElement? defaultValue = json.TryGetProperty("default", out var d) ? d.Clone() : null;
        var field = new RecordField(name, position, schema, defaultValue, OptionalString(json, "doc", path), order, aliases, Properties(json, FieldReserved));
        if (defaultValue.HasValue)
        {
            _defaultsToCheck.Add((field, path + ".default"));
        }

        return field;
    }

    private EnumSchema ParseEnum(JsonElement json, string? enclosingNamespace, string path)
    {
        var (name, nameSpace) = ParseName(json, enclosingNamespace, ref path);
        var symbols = StringArray(Required(json, "symbols", path), path + ".symbols");
        for (var i = 0; i < symbols.Count; i++)
        {
            ValidateSimpleName(symbols[i], $"{path}.symbols[{i}]");
        }

        try
        {
            var schema = new EnumSchema(name, symbols, OptionalString(json, "default", path), ParseAliases(json, nameSpace, path),
                OptionalString(json, "doc", path), Properties(json, EnumReserved));
            _names.Add(schema, path);
            return schema;
        }
        catch (AvroSchemaException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw Error(path, e.Message);
        }
    }

    private FixedSchema ParseFixed(JsonElement json, string? enclosingNamespace, string path)
    {
        var (name, nameSpace) = ParseName(json, enclosingNamespace, ref path);
        var sizeJson = Required(json, "size", path);
        if (sizeJson.ValueKind != JsonValueKind.Number || !sizeJson.TryGetInt32(out var size) || size < 0)
        {
            throw Error(path + ".size", $"must be a non-negative int, not {sizeJson.GetRawText()}");
        }

        var logicalName = OptionalString(json, "logicalType", path);
        var logical = logicalName is null ? null : LogicalTypeRules.Create(logicalName, AvroType.Fixed, size, json);
        var reserved = logical is DecimalLogicalType ? new HashSet<string>(FixedReserved) { "precision", "scale" }
            : logical is null ? new HashSet<string>(FixedReserved.Where(k => k != "logicalType")) : FixedReserved;
        var schema = new FixedSchema(name, size, ParseAliases(json, nameSpace, path), OptionalString(json, "doc", path), logical, Properties(json, reserved));
        _names.Add(schema, path);
        return schema;
    }

    /// <summary>
    /// Reads name and namespace: a dotted name is a full name; otherwise an explicit namespace wins,
    /// else the enclosing one is inherited. At the root the path becomes the type's name.
    /// </summary>
    private static (SchemaName Name, string? Namespace) ParseName(JsonElement json, string? enclosingNamespace, ref string path)
    {
        var rawName = OptionalString(json, "name", path) ?? throw Error(path, "missing 'name'");
        var explicitNamespace = OptionalString(json, "namespace", path);
        var name = rawName.Contains('.')
            ? SchemaName.Resolve(rawName, null)
            : new SchemaName(rawName, explicitNamespace ?? enclosingNamespace);
        if (path == RootPath)
        {
            path = name.Name;
        }

        ValidateSimpleName(name.Name, path + ".name");
        if (AvroTypeNames.PrimitiveFromName(name.Name) is not null)
        {
            throw Error(path + ".name", $"'{name.Name}' is a primitive type name and cannot be redefined");
        }

        if (name.Namespace is not null)
        {
            foreach (var part in name.Namespace.Split('.'))
            {
                ValidateSimpleName(part, path + ".namespace");
            }
        }

        return (name, name.Namespace);
    }

    private static List<SchemaName> ParseAliases(JsonElement json, string? nameSpace, string path)
    {
        var aliases = new List<SchemaName>();
        foreach (var alias in StringArray(json, "aliases", path))
        {
            var name = SchemaName.Resolve(alias, nameSpace);
            ValidateSimpleName(name.Name, path + ".aliases");
            aliases.Add(name);
        }

        return aliases;
    }

    private void ValidateDefaults()
    {
        foreach (var (field, path) in _defaultsToCheck)
        {
            try
            {
                DefaultValueConverter.Convert(field.Schema, field.DefaultValue!.Value);
            }
            catch (AvroSchemaException e)
            {
                throw Error(path, $"invalid default for field '{field.Name}': {e.Message}");
            }
        }
    }

    private static void ValidateSimpleName(string name, string path)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.AsSpan(1).IndexOfAnyExcept(ValidNameChars) < 0;
        if (!valid)
        {
            throw Error(path, $"invalid name '{name}' (must match [A-Za-z_][A-Za-z0-9_]*)");
        }
    }

    private static readonly System.Buffers.SearchValues<char> ValidNameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static PrimitiveSchema Primitive(AvroType type) => type switch
    {
        AvroType.Null => AvroSchema.Null,
        AvroType.Boolean => AvroSchema.Boolean,
        AvroType.Int => AvroSchema.Int,
        AvroType.Long => AvroSchema.Long,
        AvroType.Float => AvroSchema.Float,
        AvroType.Double => AvroSchema.Double,
        AvroType.Bytes => AvroSchema.Bytes,
        _ => AvroSchema.String,
    };

    private static JsonElement Required(JsonElement json, string name, string path) =>
        json.TryGetProperty(name, out var value) ? value : throw Error(path, $"missing '{name}'");

    private static string? OptionalString(JsonElement json, string name, string path)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"{path}.{name}", "must be a string");
    }

    private static List<string> StringArray(JsonElement json, string name, string path) =>
        json.TryGetProperty(name, out var value) ? StringArray(value, $"{path}.{name}") : [];

    private static List<string> StringArray(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "must be an array of strings");
        }

        return array.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(path, "must be an array of strings"))
            .ToList();
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement json, HashSet<string> reserved)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!reserved.Contains(property.Name))
            {
                properties[property.Name] = property.Value.Clone();
            }
        }

        return properties;
    }

    private static AvroSchemaException Error(string path, string message) => new($"{path}: {message}");
}
