using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Compatibility;

/// <summary>
/// Decides whether data written with one schema can be read with another, following the spec's
/// resolution rules, and lists every breaking change (not just the first) with its path in the reader schema.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Checks whether <paramref name="reader"/> can read everything <paramref name="writer"/> can write.</summary>
    public static CompatibilityResult Check(AvroSchema reader, AvroSchema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var found = new List<Incompatibility>();
        new Walker(found).Check(reader, writer, "");
        return found.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(found);
    }

    private sealed class Walker(List<Incompatibility> found)
    {
        // Pairs under check; meeting one again means recursion, which is assumed compatible
        // (any real break is reported where the pair was first entered).
        private readonly HashSet<(AvroSchema, AvroSchema)> _inProgress = new(new PairComparer());

        public void Check(AvroSchema reader, AvroSchema writer, string path)
        {
            if (!_inProgress.Add((reader, writer)))
            {
                return;
            }

            try
            {
                CheckPair(reader, writer, path);
            }
            finally
            {
                _inProgress.Remove((reader, writer));
            }
        }

        private void CheckPair(AvroSchema reader, AvroSchema writer, string path)
        {
            if (writer is UnionSchema writerUnion)
            {
                // Every branch the writer may use must be readable.
                for (var i = 0; i < writerUnion.Branches.Count; i++)
                {
                    var branch = writerUnion.Branches[i];
                    if (reader is UnionSchema && !IsCompatible(reader, branch))
                    {
                        found.Add(new Incompatibility(IncompatibilityKind.MissingUnionBranch, path.Length == 0 ? "/" : path,
                            $"reader union lacks writer type {Describe(branch)}"));
                    }
                    else if (reader is not UnionSchema)
                    {
                        Check(reader, branch, path);
                    }
                }

                return;
            }

            if (reader is UnionSchema readerUnion)
            {
                if (!readerUnion.Branches.Any(branch => IsCompatible(branch, writer)))
                {
                    found.Add(new Incompatibility(IncompatibilityKind.MissingUnionBranch, path.Length == 0 ? "/" : path,
                        $"reader union lacks writer type {Describe(writer)}"));
                }

                return;
            }

            switch (reader, writer)
            {
                case (RecordSchema r, RecordSchema w):
                    if (CheckName(r, w, path))
                    {
                        CheckFields(r, w, path);
                    }

                    break;
                case (EnumSchema r, EnumSchema w):
                    if (CheckName(r, w, path) && r.Default is null)
                    {
                        var missing = w.Symbols.Where(s => r.OrdinalOf(s) < 0).ToList();
                        if (missing.Count > 0)
                        {
                            found.Add(new Incompatibility(IncompatibilityKind.MissingEnumSymbols, path + "/symbols", string.Join(", ", missing)));
                        }
                    }

                    break;
                case (FixedSchema r, FixedSchema w):
                    if (CheckName(r, w, path) && r.Size != w.Size)
                    {
                        found.Add(new Incompatibility(IncompatibilityKind.FixedSizeMismatch, path + "/size", $"expected {w.Size}, found {r.Size}"));
                    }

                    CheckDecimal(r, w, path);
                    break;
                case (ArraySchema r, ArraySchema w):
                    Check(r.Items, w.Items, path + "/items");
                    break;
                case (MapSchema r, MapSchema w):
                    Check(r.Values, w.Values, path + "/values");
                    break;
                case (PrimitiveSchema r, PrimitiveSchema w) when SchemaMatching.IsPromotable(w.Type, r.Type):
                    CheckDecimal(r, w, path);
                    break;
                default:
                    found.Add(new Incompatibility(IncompatibilityKind.TypeMismatch, path.Length == 0 ? "/" : path,
                        $"reader type {Describe(reader)} cannot read writer type {Describe(writer)}"));
                    break;
            }
        }

        private void CheckFields(RecordSchema reader, RecordSchema writer, string path)
        {
            foreach (var readerField in reader.Fields)
            {
                var writerField = writer.GetField(readerField.Name)
                    ?? readerField.Aliases.Select(writer.GetField).FirstOrDefault(f => f is not null);
                if (writerField is not null)
                {
                    Check(readerField.Schema, writerField.Schema, $"{path}/fields/{readerField.Position}/type");
                }
                else if (!readerField.HasDefault)
                {
                    found.Add(new Incompatibility(IncompatibilityKind.ReaderFieldMissingDefault, $"{path}/fields/{readerField.Position}", readerField.Name));
                }
            }
        }

        private void CheckDecimal(AvroSchema reader, AvroSchema writer, string path)
        {
            if (!SchemaMatching.DecimalsMatch(writer, reader))
            {
                found.Add(new Incompatibility(IncompatibilityKind.TypeMismatch, path.Length == 0 ? "/" : path,
                    $"reader {reader.LogicalType} cannot read writer {writer.LogicalType}: precision and scale must be equal"));
            }
        }

        private bool CheckName(NamedSchema reader, NamedSchema writer, string path)
        {
            if (SchemaMatching.NamesMatch(writer, reader))
            {
                return true;
            }

            found.Add(new Incompatibility(IncompatibilityKind.NameMismatch, path + "/name", $"expected {writer.Name.FullName}, found {reader.Name.FullName}"));
            return false;
        }

        private bool IsCompatible(AvroSchema reader, AvroSchema writer)
        {
            var probe = new List<Incompatibility>();
            new Walker(probe).Check(reader, writer, "");
            return probe.Count == 0;
        }

        private static string Describe(AvroSchema schema) =>
            schema is NamedSchema named ? $"{schema.Type.ToJsonName()} {named.Name.FullName}" : schema.Type.ToJsonName();
    }

    private sealed class PairComparer : IEqualityComparer<(AvroSchema, AvroSchema)>
    {
        public bool Equals((AvroSchema, AvroSchema) x, (AvroSchema, AvroSchema) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((AvroSchema, AvroSchema) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }
}
