namespace RecoStreams.Avro.Schemas;

/// <summary>
/// The named types known while parsing, by full name. Sharing one instance across several
/// <see cref="AvroSchema.Parse(string, SchemaNames)"/> calls lets later schemas refer to earlier ones.
/// </summary>
public sealed class SchemaNames
{
    private readonly Dictionary<string, NamedSchema> _byFullName = new(StringComparer.Ordinal);

    /// <summary>All known named types.</summary>
    public IEnumerable<NamedSchema> All => _byFullName.Values;

    /// <summary>The named type with this full name, or null.</summary>
    public NamedSchema? Find(string fullName) => _byFullName.GetValueOrDefault(fullName);

    /// <summary>
    /// Resolves a reference as written in a schema. An undotted name is looked up in the enclosing
    /// namespace first and then, as Java does for compatibility, in the null namespace.
    /// </summary>
    public NamedSchema? Resolve(string reference, string? enclosingNamespace)
    {
        var found = Find(SchemaName.Resolve(reference, enclosingNamespace).FullName);
        if (found is null && enclosingNamespace is not null && !reference.Contains('.'))
        {
            found = Find(reference);
        }

        return found;
    }

    /// <summary>Registers a named type; a second definition of the same full name is an error.</summary>
    public void Add(NamedSchema schema, string path)
    {
        if (!_byFullName.TryAdd(schema.Name.FullName, schema))
        {
            throw new AvroSchemaException($"{path}: type '{schema.Name.FullName}' is already defined");
        }
    }
}
