using System.Collections.Generic;
using System.Linq;
using RecoStreams.Avro.Generator.Schemas;

namespace RecoStreams.Avro.Generator.Emit;

/// <summary>
/// Emits <c>{Record}Contract</c>: the schema text and fingerprint as constants, and a codec that
/// writes and reads the fields in schema order with the binary primitives directly (no reflection,
/// no generic values), plus the bridge to the generic model used for schema resolution.
/// </summary>
internal sealed class CodecEmitter
{
    private readonly RecordType _root;
    private readonly string _file;
    private readonly IReadOnlyList<NamedType> _named;

    private CodecEmitter(RecordType root, string file)
    {
        _root = root;
        _file = file;
        _named = TypeEmitter.Reachable(root);
    }

    public static string Emit(RecordType root, string file, string ns, string schemaJson, long fingerprint) =>
        new CodecEmitter(root, file).Emit(ns, schemaJson, fingerprint);

    private string Type => CSharpNames.Pascal(_root.Name);

    private string Emit(string ns, string schemaJson, long fingerprint)
    {
        var code = TypeEmitter.Header(_file, ns,
            "System", "System.Collections.Generic", "RecoStreams.Avro.Contracts", "RecoStreams.Avro.Contracts.Internal", "RecoStreams.Avro.Generic", "RecoStreams.Avro.IO", "RecoStreams.Avro.Schemas");
        code.Line($"/// <summary>The Avro codec of <see cref=\"{Type}\"/>, generated from {_file}: fields are written and read in schema order.</summary>");
        code.Open($"public sealed class {Type}Contract : IAvroContract<{Type}>");
        code.Line($"/// <summary>The schema, exactly as in {_file}.</summary>");
        code.Line($"public const string SchemaJson = {RawString(schemaJson)};").Line();
        code.Line("/// <summary>Rabin fingerprint of the schema's canonical form, computed when this file was generated.</summary>");
        code.Line($"public const long RabinFingerprint = {CSharpTypes.Number(fingerprint)};").Line();
        code.Line("private readonly RecordSchema _schema;");
        foreach (var named in _named.Skip(1))
        {
            code.Line($"private readonly {(named is EnumType ? "EnumSchema" : "RecordSchema")} {SchemaField(named)};");
        }

        code.Line();
        code.Open($"private {Type}Contract()");
        code.Line("_schema = (RecordSchema)AvroSchema.Parse(SchemaJson);");
        foreach (var named in _named.Skip(1))
        {
            var kind = named is EnumType ? "EnumSchema" : "RecordSchema";
            code.Line($"{SchemaField(named)} = ContractGeneric.Named<{kind}>(_schema, \"{named.FullName}\");");
        }

        code.Close().Line();
        code.Line("/// <summary>The shared instance; the codec is stateless and thread-safe.</summary>");
        code.Line($"public static {Type}Contract Instance {{ get; }} = new();").Line();
        code.Line("/// <inheritdoc />").Line("public AvroSchema Schema => _schema;").Line();
        code.Line("/// <inheritdoc />").Line("public long Fingerprint => RabinFingerprint;").Line();

        EmitWrite(code);
        EmitRead(code);
        EmitToGeneric(code);
        EmitFromGeneric(code);
        return code.Close().ToString();
    }

    private void EmitWrite(CodeWriter code)
    {
        code.Line("/// <inheritdoc />");
        code.Open($"public void Write(AvroBinaryWriter writer, {Type} value)");
        code.Line("ArgumentNullException.ThrowIfNull(writer);");
        WriteFields(code, _root);
        code.Close().Line();
        foreach (var record in NestedRecords)
        {
            code.Open($"private static void Write{CSharpNames.Pascal(record.Name)}(AvroBinaryWriter writer, {CSharpNames.Pascal(record.Name)} value)");
            WriteFields(code, record);
            code.Close().Line();
        }
    }

    private static void WriteFields(CodeWriter code, RecordType record)
    {
        code.Line("ArgumentNullException.ThrowIfNull(value);");
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var statements = WriteStatements(field.Type, "value." + CSharpNames.Pascal(field.Name), record.Name + "." + field.Name, CSharpNames.Local(field.Name), 1);
            code.Lines(string.Join("\n", statements));
            if (statements.Count > 1 && i < record.Fields.Count - 1)
            {
                code.Line();
            }
        }
    }

    private static List<string> WriteStatements(AvroType type, string value, string path, string local, int depth)
    {
        switch (type)
        {
            case PrimitiveType { Logical: LogicalKind.Uuid }:
                return [$"ContractBinary.WriteUuid(writer, {value});"];
            case PrimitiveType { Logical: LogicalKind.TimestampMillis }:
                return [$"ContractBinary.WriteTimestamp(writer, {value});"];
            case PrimitiveType { Kind: PrimitiveKind.String or PrimitiveKind.Bytes }:
                return [$"ContractBinary.WriteRequired(writer, {value}, \"{path}\");"];
            case PrimitiveType primitive:
                return [$"writer.Write{primitive.Kind}({value});"];
            case EnumType e:
                return [$"writer.WriteEnum(ContractBinary.Ordinal((int){value}, {e.Symbols.Count}, \"{path}\"));"];
            case RecordType r:
                return [$"Write{CSharpNames.Pascal(r.Name)}(writer, {value});"];
            case ArrayType { Items: PrimitiveType { Kind: PrimitiveKind.String, Logical: LogicalKind.None } }:
                return [$"ContractBinary.WriteStrings(writer, {value}, \"{path}\");"];
            case MapType { Values: PrimitiveType { Kind: PrimitiveKind.String, Logical: LogicalKind.None } }:
                return [$"ContractBinary.WriteStringMap(writer, {value}, \"{path}\");"];
            case ArrayType array:
                return [$"ContractBinary.WriteArray(writer, {value}, {ItemWriter(array.Items, path + "[]", depth)}, \"{path}\");"];
            case MapType map:
                return [$"ContractBinary.WriteMap(writer, {value}, {ItemWriter(map.Values, path + "{}", depth)}, \"{path}\");"];
            case UnionType union when union.OptionalOf is { } inner:
                var lines = new List<string>
                {
                    $"if ({value} is {{ }} {local})",
                    "{",
                    $"    writer.WriteUnionIndex({1 - union.NullIndex});",
                };
                // Inside the branch the value is known to be there: a string or bytes needs no null check.
                var present = inner is PrimitiveType { Kind: PrimitiveKind.String or PrimitiveKind.Bytes, Logical: LogicalKind.None } plain
                    ? [$"writer.Write{plain.Kind}({local});"]
                    : WriteStatements(inner, local, path, local + "Value", depth);
                lines.AddRange(present.Select(l => "    " + l));
                lines.AddRange(["}", "else", "{", $"    writer.WriteUnionIndex({union.NullIndex});", "}"]);
                return lines;
            default:
                return [$"// {CSharpTypes.Of(type)}"];
        }
    }

    private static string ItemWriter(AvroType item, string path, int depth)
    {
        if (item is RecordType r)
        {
            return "Write" + CSharpNames.Pascal(r.Name);
        }

        var name = depth == 1 ? "item" : "item" + depth;
        var body = WriteStatements(item, name, path, name + "Value", depth + 1);
        return body.Count == 1
            ? $"static (writer, {name}) => {body[0].TrimEnd(';')}"
            : $"static (writer, {name}) =>\n{{\n{string.Join("\n", body.Select(l => "    " + l))}\n}}";
    }

    private void EmitRead(CodeWriter code)
    {
        code.Line("/// <inheritdoc />");
        code.Line($"public {Type} Read(ref AvroBinaryReader reader) => new()");
        code.Line("{");
        foreach (var field in _root.Fields)
        {
            code.Lines($"    {CSharpNames.Pascal(field.Name)} = {ReadExpression(field.Type, 1)},");
        }

        code.Line("};").Line();
        foreach (var record in NestedRecords)
        {
            var name = CSharpNames.Pascal(record.Name);
            if (record.Fields.Count == 0)
            {
                code.Line($"private static {name} Read{name}(ref AvroBinaryReader reader) => new();").Line();
                continue;
            }

            code.Line($"private static {name} Read{name}(ref AvroBinaryReader reader) => new(");
            for (var i = 0; i < record.Fields.Count; i++)
            {
                code.Lines($"    {ReadExpression(record.Fields[i].Type, 1)}{(i < record.Fields.Count - 1 ? "," : ");")}");
            }

            code.Line();
        }
    }

    private static string ReadExpression(AvroType type, int depth) => type switch
    {
        PrimitiveType { Logical: LogicalKind.Uuid } => "ContractBinary.ReadUuid(ref reader)",
        PrimitiveType { Logical: LogicalKind.TimestampMillis } => "ContractBinary.ReadTimestamp(ref reader)",
        PrimitiveType { Kind: PrimitiveKind.Bytes } => "reader.ReadBytesArray()",
        PrimitiveType primitive => $"reader.Read{primitive.Kind}()",
        EnumType e => $"({CSharpNames.Pascal(e.Name)})reader.ReadEnum({e.Symbols.Count})",
        RecordType r => $"Read{CSharpNames.Pascal(r.Name)}(ref reader)",
        ArrayType { Items: PrimitiveType { Kind: PrimitiveKind.String, Logical: LogicalKind.None } } => "ContractBinary.ReadStrings(ref reader)",
        MapType { Values: PrimitiveType { Kind: PrimitiveKind.String, Logical: LogicalKind.None } } => "ContractBinary.ReadStringMap(ref reader)",
        ArrayType array => $"ContractBinary.ReadArray<{CSharpTypes.Of(array.Items)}>(ref reader, {ItemReader(array.Items, depth)})",
        MapType map => $"ContractBinary.ReadMap<{CSharpTypes.Of(map.Values)}>(ref reader, {ItemReader(map.Values, depth)})",
        UnionType { OptionalOf: { } inner } union => $"reader.ReadUnionIndex(2) == {union.NullIndex} ? null : {ReadExpression(inner, depth)}",
        _ => CSharpTypes.Of(type),
    };

    private static string ItemReader(AvroType item, int depth) =>
        item is RecordType r
            ? "Read" + CSharpNames.Pascal(r.Name)
            : $"static (ref AvroBinaryReader reader) => {ReadExpression(item, depth + 1)}";

    private void EmitToGeneric(CodeWriter code)
    {
        code.Line("/// <inheritdoc />");
        code.Open($"public GenericRecord ToGeneric({Type} value)");
        code.Line("ArgumentNullException.ThrowIfNull(value);");
        code.Line("var record = new GenericRecord(_schema);");
        ToGenericFields(code, _root);
        code.Line("return record;");
        code.Close().Line();
        foreach (var record in NestedRecords)
        {
            var name = CSharpNames.Pascal(record.Name);
            code.Open($"private GenericRecord {name}ToGeneric({name} value)");
            code.Line("ArgumentNullException.ThrowIfNull(value);");
            code.Line($"var record = new GenericRecord({SchemaField(record)});");
            ToGenericFields(code, record);
            code.Line("return record;");
            code.Close().Line();
        }
    }

    private static void ToGenericFields(CodeWriter code, RecordType record)
    {
        foreach (var field in record.Fields)
        {
            var path = record.Name + "." + field.Name;
            code.Line($"record[\"{field.Name}\"] = {ToGenericExpression(field.Type, "value." + CSharpNames.Pascal(field.Name), path, CSharpNames.Local(field.Name), 1)};");
        }
    }

    private static string ToGenericExpression(AvroType type, string value, string path, string local, int depth)
    {
        var item = depth == 1 ? "item" : "item" + depth;
        return type switch
        {
            EnumType e => $"ContractGeneric.Enum({SchemaField(e)}, (int){value}, \"{path}\")",
            RecordType r => $"{CSharpNames.Pascal(r.Name)}ToGeneric({value})",
            ArrayType array => $"ContractGeneric.List({value}, {item} => {ToGenericExpression(array.Items, item, path + "[]", item + "Value", depth + 1)})",
            MapType map => $"ContractGeneric.Map({value}, {item} => {ToGenericExpression(map.Values, item, path + "{}", item + "Value", depth + 1)})",
            UnionType { OptionalOf: PrimitiveType } => value,
            UnionType { OptionalOf: { } inner } => $"{value} is {{ }} {local} ? {ToGenericExpression(inner, local, path, local + "Value", depth)} : null",
            _ => value,
        };
    }

    private void EmitFromGeneric(CodeWriter code)
    {
        code.Line("/// <inheritdoc />");
        code.Open($"public {Type} FromGeneric(GenericRecord record)");
        code.Line("ArgumentNullException.ThrowIfNull(record);");
        code.Line($"return new {Type}");
        code.Line("{");
        foreach (var field in _root.Fields)
        {
            code.Line($"    {CSharpNames.Pascal(field.Name)} = {FromGenericExpression(field.Type, $"record[\"{field.Name}\"]", _root.Name + "." + field.Name, 1)},");
        }

        code.Line("};");
        code.Close();
        foreach (var record in NestedRecords)
        {
            var name = CSharpNames.Pascal(record.Name);
            code.Line();
            if (record.Fields.Count == 0)
            {
                code.Line($"private static {name} {name}FromGeneric(GenericRecord record) => new();");
                continue;
            }

            code.Line($"private {name} {name}FromGeneric(GenericRecord record) => new(");
            for (var i = 0; i < record.Fields.Count; i++)
            {
                var field = record.Fields[i];
                var expression = FromGenericExpression(field.Type, $"record[\"{field.Name}\"]", record.Name + "." + field.Name, 1);
                code.Line($"    {expression}{(i < record.Fields.Count - 1 ? "," : ");")}");
            }
        }
    }

    private static string FromGenericExpression(AvroType type, string value, string path, int depth)
    {
        var item = depth == 1 ? "item" : "item" + depth;
        return type switch
        {
            PrimitiveType { Logical: LogicalKind.Uuid } => $"ContractGeneric.AsUuid({value}, \"{path}\")",
            PrimitiveType { Logical: LogicalKind.TimestampMillis } => $"ContractGeneric.AsTimestamp({value}, \"{path}\")",
            PrimitiveType => $"ContractGeneric.As<{CSharpTypes.Of(type)}>({value}, \"{path}\")",
            EnumType e => $"({CSharpNames.Pascal(e.Name)})ContractGeneric.AsEnumOrdinal({value}, {SchemaField(e)}, \"{path}\")",
            RecordType r => $"{CSharpNames.Pascal(r.Name)}FromGeneric(ContractGeneric.As<GenericRecord>({value}, \"{path}\"))",
            ArrayType array => $"ContractGeneric.AsArray<{CSharpTypes.Of(array.Items)}>({value}, \"{path}\", {item} => {FromGenericExpression(array.Items, item, path + "[]", depth + 1)})",
            MapType map => $"ContractGeneric.AsMap<{CSharpTypes.Of(map.Values)}>({value}, \"{path}\", {item} => {FromGenericExpression(map.Values, item, path + "{}", depth + 1)})",
            UnionType { OptionalOf: { } inner } => $"{value} is null ? null : {FromGenericExpression(inner, value, path, depth)}",
            _ => CSharpTypes.Of(type),
        };
    }

    private IEnumerable<RecordType> NestedRecords => _named.OfType<RecordType>().Where(r => r != _root);

    private static string SchemaField(NamedType type) => "_" + CSharpNames.Camel(type.Name).TrimStart('@') + (type is EnumType ? "Enum" : "Record");

    /// <summary>The schema as a raw string literal, indented like the code around it.</summary>
    private static string RawString(string json)
    {
        var quotes = "\"\"\"";
        while (json.Contains(quotes))
        {
            quotes += "\"";
        }

        var lines = json.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        return quotes + "\n" + string.Join("\n", lines.Select(l => l.Length == 0 ? "" : "        " + l)) + "\n        " + quotes;
    }
}
