namespace RecoStreams.Avro.Schemas;

/// <summary>
/// A union schema. Branches may not be unions, and no two branches may share a type
/// (named types count by full name).
/// </summary>
public sealed class UnionSchema : AvroSchema
{
    /// <summary>Creates a union, enforcing the spec's branch rules.</summary>
    public UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union, null, null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < branches.Count; i++)
        {
            var branch = branches[i];
            if (branch.Type == AvroType.Union)
            {
                throw new AvroSchemaException($"[{i}]: unions may not immediately contain other unions");
            }

            var key = BranchKey(branch);
            if (!seen.Add(key))
            {
                throw new AvroSchemaException($"[{i}]: duplicate {key} in union");
            }
        }

        Branches = branches;
    }

    /// <summary>The branches in order; a branch's index is what is written on the wire.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>The key that must be unique across branches: the full name for named types, else the type name.</summary>
    internal static string BranchKey(AvroSchema branch) =>
        branch is NamedSchema named ? $"type '{named.Name.FullName}'" : $"type '{branch.Type.ToJsonName()}'";
}
