using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Generic.Decoding;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Resolution;

/// <summary>
/// Compiles a (writer, reader) schema pair into a tree of decoders following the spec's resolution
/// rules. Record pairs are memoized, which both shares work and ties recursive schemas into loops.
/// </summary>
internal sealed class ResolutionPlanBuilder(AvroReaderOptions options)
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), RecordDecoder> _records = new(PairComparer.Instance);

    public ValueDecoder Build(AvroSchema writer, AvroSchema reader, string path)
    {
        if (writer is UnionSchema writerUnion)
        {
            return BuildWriterUnion(writerUnion, reader, path);
        }

        if (reader is UnionSchema readerUnion)
        {
            // Spec: the first branch of the reader's union that matches the writer's schema (exact type first).
            var index = FindBranch(readerUnion, writer);
            return index >= 0
                ? Build(writer, readerUnion.Branches[index], $"{path}[{index}]")
                : throw new AvroSchemaException($"{path}: writer type {Describe(writer)} matches no branch of the reader's union");
        }

        if (!SchemaMatching.Matches(writer, reader))
        {
            throw new AvroSchemaException($"{path}: writer type {Describe(writer)} cannot be read as reader type {Describe(reader)}");
        }

        var decoder = (writer, reader) switch
        {
            (RecordSchema w, RecordSchema r) => BuildRecord(w, r, path),
            (EnumSchema w, EnumSchema r) => new EnumDecoder(w, r),
            (FixedSchema, FixedSchema r) => new FixedDecoder(r),
            (ArraySchema w, ArraySchema r) => new ArrayDecoder(Build(w.Items, r.Items, path + ".items"), Guard(w.Items)),
            (MapSchema w, MapSchema r) => new MapDecoder(Build(w.Values, r.Values, path + ".values"), Guard(w.Values)),
            _ => PrimitiveDecoders.For(writer.Type, reader.Type)!,
        };

        return reader.LogicalType is { } logicalType ? new LogicalDecoder(decoder, logicalType) : decoder;
    }

    /// <summary>
    /// Index of the reader branch the writer resolves to, or -1. A branch of exactly the writer's type
    /// (same full name for named types) wins; otherwise the spec's first matching branch. Without the
    /// exact pass, reading ["long","int"] data with its own schema would turn every int into a long.
    /// </summary>
    public static int FindBranch(UnionSchema readerUnion, AvroSchema writer)
    {
        for (var i = 0; i < readerUnion.Branches.Count; i++)
        {
            if (SchemaMatching.IsSameType(writer, readerUnion.Branches[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < readerUnion.Branches.Count; i++)
        {
            if (SchemaMatching.Matches(writer, readerUnion.Branches[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private UnionDecoder BuildWriterUnion(UnionSchema writer, AvroSchema reader, string path)
    {
        var branches = new ValueDecoder[writer.Branches.Count];
        for (var i = 0; i < branches.Length; i++)
        {
            try
            {
                branches[i] = Build(writer.Branches[i], reader, path);
            }
            catch (AvroSchemaException e)
            {
                // Only an error if data actually uses this branch (spec), so defer it to decode time.
                branches[i] = new UnresolvableDecoder(e.Message, Build(writer.Branches[i], writer.Branches[i], path));
            }
        }

        return new UnionDecoder(branches);
    }

    private RecordDecoder BuildRecord(RecordSchema writer, RecordSchema reader, string path)
    {
        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        var decoder = new RecordDecoder(reader);
        _records[(writer, reader)] = decoder;
        var recordPath = path == "$" ? reader.Name.Name : path;

        var assigned = new bool[reader.Fields.Count];
        var steps = new RecordDecoder.Step[writer.Fields.Count];
        for (var i = 0; i < writer.Fields.Count; i++)
        {
            var writerField = writer.Fields[i];
            var readerField = SchemaMatching.FindReaderField(reader, writerField);
            if (readerField is null || assigned[readerField.Position])
            {
                steps[i] = new RecordDecoder.Step(Build(writerField.Schema, writerField.Schema, $"{recordPath}.fields[{i}]"), -1);
                continue;
            }

            assigned[readerField.Position] = true;
            steps[i] = new RecordDecoder.Step(
                Build(writerField.Schema, readerField.Schema, $"{recordPath}.fields[{readerField.Position}]({readerField.Name}).type"),
                readerField.Position);
        }

        var defaults = new List<RecordDecoder.DefaultFill>();
        foreach (var readerField in reader.Fields.Where(f => !assigned[f.Position]))
        {
            if (readerField.DefaultValue is not { } json)
            {
                throw new AvroSchemaException($"{recordPath}.fields[{readerField.Position}]({readerField.Name}): reader field is missing from the writer and has no default");
            }

            var value = DefaultValueConverter.Convert(readerField.Schema, json);
            defaults.Add(new RecordDecoder.DefaultFill(readerField.Position, value, GenericDataCopy.IsImmutable(value)));
        }

        decoder.Complete(steps, [.. defaults]);
        return decoder;
    }

    private BlockCountGuard Guard(AvroSchema writerItems) => new(SchemaMatching.MinEncodedSize(writerItems), options.MaxZeroByteItems);

    private static string Describe(AvroSchema schema) =>
        schema is NamedSchema named ? $"{schema.Type.ToJsonName()} '{named.Name.FullName}'" : schema.Type.ToJsonName();

    private sealed class PairComparer : IEqualityComparer<(AvroSchema Writer, AvroSchema Reader)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((AvroSchema Writer, AvroSchema Reader) x, (AvroSchema Writer, AvroSchema Reader) y) =>
            ReferenceEquals(x.Writer, y.Writer) && ReferenceEquals(x.Reader, y.Reader);

        public int GetHashCode((AvroSchema Writer, AvroSchema Reader) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Writer), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Reader));
    }
}
