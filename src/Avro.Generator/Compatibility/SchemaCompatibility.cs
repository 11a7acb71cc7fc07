using System.Collections.Generic;
using System.Linq;
using RecoStreams.Avro.Generator.Json;
using RecoStreams.Avro.Generator.Schemas;

namespace RecoStreams.Avro.Generator.Compatibility;

/// <summary>One reason two versions of a schema cannot exchange data; <see cref="At"/> is in the edited file.</summary>
internal sealed class Incompatibility
{
    public Incompatibility(string message, JsonValue at)
    {
        Message = message;
        At = at;
    }

    public string Message { get; }

    public JsonValue At { get; }
}

/// <summary>What the build requires of an edit, named as the registry names its levels.</summary>
internal enum CompatibilityLevel
{
    None,
    Backward,
    Forward,
    Full,
}

/// <summary>
/// The specification's schema resolution rules between an edited schema and its baseline: BACKWARD,
/// the edited schema reads data of the baseline (consumers upgrade first); FORWARD, the baseline reads
/// data of the edited schema (producers upgrade first); FULL, both. The runtime's
/// <c>CompatibilityChecker</c> applies the same rules in <c>schemas check</c> and the registry; this
/// copy exists because a generator cannot load the runtime library.
/// </summary>
internal sealed class SchemaCompatibility
{
    private readonly List<Incompatibility> _found = [];
    private readonly HashSet<(AvroType, AvroType)> _visiting = [];
    private readonly bool _readerIsCurrent;

    private SchemaCompatibility(bool readerIsCurrent) => _readerIsCurrent = readerIsCurrent;

    public static IReadOnlyList<Incompatibility> Check(RecordType current, RecordType baseline, CompatibilityLevel level)
    {
        var backward = new SchemaCompatibility(readerIsCurrent: true);
        if (level is CompatibilityLevel.Backward or CompatibilityLevel.Full)
        {
            backward.CanRead(current, baseline, current.Name);
        }

        var forward = new SchemaCompatibility(readerIsCurrent: false);
        if (level is CompatibilityLevel.Forward or CompatibilityLevel.Full)
        {
            forward.CanRead(baseline, current, current.Name);
        }

        return [.. backward._found, .. forward._found];
    }

    /// <summary>Parses BACKWARD, FORWARD, FULL or NONE (any case; the transitive names check the one baseline the build has).</summary>
    public static bool TryParse(string? text, out CompatibilityLevel level)
    {
        switch ((text ?? "").Trim().ToUpperInvariant().Replace("_TRANSITIVE", ""))
        {
            case "":
            case "BACKWARD":
                level = CompatibilityLevel.Backward;
                return true;
            case "FORWARD":
                level = CompatibilityLevel.Forward;
                return true;
            case "FULL":
                level = CompatibilityLevel.Full;
                return true;
            case "NONE":
                level = CompatibilityLevel.None;
                return true;
            default:
                level = CompatibilityLevel.None;
                return false;
        }
    }

    private string Consequence => _readerIsCurrent
        ? "consumers with the new schema cannot read data written with the previous one"
        : "consumers still on the previous schema cannot read data written with the new one";

    private AvroType Current(AvroType reader, AvroType writer) => _readerIsCurrent ? reader : writer;

    private void Add(string problem, AvroType reader, AvroType writer, JsonValue? at = null) =>
        _found.Add(new Incompatibility($"{problem}: {Consequence}", at ?? Current(reader, writer).Definition));

    private void CanRead(AvroType reader, AvroType writer, string path)
    {
        if (!_visiting.Add((reader, writer)))
        {
            return;
        }

        switch (reader, writer)
        {
            case (_, UnionType writerUnion):
                foreach (var branch in writerUnion.Branches)
                {
                    if (reader is UnionType readerUnion ? !readerUnion.Branches.Any(b => Matches(b, branch)) : !Matches(reader, branch))
                    {
                        Add($"{path}: the type changed from {Describe(_readerIsCurrent ? writer : reader)} to {Describe(_readerIsCurrent ? reader : writer)}", reader, writer);
                        return;
                    }
                }

                foreach (var branch in writerUnion.Branches)
                {
                    CanRead(reader is UnionType u ? u.Branches.First(b => Matches(b, branch)) : reader, branch, path);
                }

                break;
            case (UnionType readerUnion, _):
                var match = readerUnion.Branches.FirstOrDefault(b => Matches(b, writer));
                if (match is null)
                {
                    Add($"{path}: the type changed from {Describe(_readerIsCurrent ? writer : reader)} to {Describe(_readerIsCurrent ? reader : writer)}", reader, writer);
                }
                else
                {
                    CanRead(match, writer, path);
                }

                break;
            case (RecordType r, RecordType w) when Matches(r, w):
                CanReadRecord(r, w, path);
                break;
            case (EnumType r, EnumType w) when Matches(r, w):
                if (r.Default is null)
                {
                    foreach (var symbol in w.Symbols.Where(s => !r.Symbols.Contains(s)))
                    {
                        Add($"{path}: enum {r.Name} {(_readerIsCurrent ? "lost" : "gained")} the symbol '{symbol}' and the reading side declares no default symbol", r, w);
                    }
                }

                break;
            case (ArrayType r, ArrayType w):
                CanRead(r.Items, w.Items, path + "[]");
                break;
            case (MapType r, MapType w):
                CanRead(r.Values, w.Values, path + "{}");
                break;
            default:
                if (!Matches(reader, writer))
                {
                    Add($"{path}: the type changed from {Describe(_readerIsCurrent ? writer : reader)} to {Describe(_readerIsCurrent ? reader : writer)}", reader, writer);
                }

                break;
        }
    }

    private void CanReadRecord(RecordType reader, RecordType writer, string path)
    {
        foreach (var field in reader.Fields)
        {
            var written = writer.Fields.FirstOrDefault(f => f.Name == field.Name)
                ?? writer.Fields.FirstOrDefault(f => field.Aliases.Contains(f.Name));
            if (written is not null)
            {
                CanRead(field.Type, written.Type, $"{path}.{field.Name}");
            }
            else if (field.Default is null)
            {
                var problem = _readerIsCurrent
                    ? $"field '{field.Name}' of {reader.Name} was added without a default"
                    : $"field '{field.Name}' of {reader.Name} was removed, and the previous schema has no default for it";
                Add(problem, reader, writer, _readerIsCurrent ? field.Definition : writer.Definition);
            }
        }
    }

    /// <summary>Whether a writer's type resolves to the reader's, ignoring what is inside records, arrays and maps.</summary>
    private static bool Matches(AvroType reader, AvroType writer) => (reader, writer) switch
    {
        (PrimitiveType r, PrimitiveType w) => r.Kind == w.Kind || Promotes(w.Kind, r.Kind),
        (NamedType r, NamedType w) => r.GetType() == w.GetType()
            && (r.Name == w.Name || r.Aliases.Contains(w.FullName) || r.Aliases.Any(a => a.EndsWith("." + w.Name, System.StringComparison.Ordinal))),
        (ArrayType, ArrayType) => true,
        (MapType, MapType) => true,
        _ => false,
    };

    private static bool Promotes(PrimitiveKind writer, PrimitiveKind reader) => (writer, reader) switch
    {
        (PrimitiveKind.Int, PrimitiveKind.Long or PrimitiveKind.Float or PrimitiveKind.Double) => true,
        (PrimitiveKind.Long, PrimitiveKind.Float or PrimitiveKind.Double) => true,
        (PrimitiveKind.Float, PrimitiveKind.Double) => true,
        (PrimitiveKind.String, PrimitiveKind.Bytes) or (PrimitiveKind.Bytes, PrimitiveKind.String) => true,
        _ => false,
    };

    private static string Describe(AvroType type) => type switch
    {
        PrimitiveType p => PrimitiveType.NameOf(p.Kind),
        NamedType n => n.FullName,
        ArrayType a => $"array<{Describe(a.Items)}>",
        MapType m => $"map<{Describe(m.Values)}>",
        UnionType u => "[" + string.Join(", ", u.Branches.Select(Describe)) + "]",
        _ => "?",
    };
}
