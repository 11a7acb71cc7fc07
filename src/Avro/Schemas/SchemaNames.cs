namespace RecoStreams.Avro.Schemas;

/// <summary>
/// The named types known while parsing, by full name. Sharing one instance across several
/// <see cref="AvroSchema.Parse(string, SchemaNames)"/> calls lets later schemas refer to earlier ones;
/// a parse that fails adds nothing. Not thread-safe.
/// </summary>
public sealed class SchemaNames
{
    private readonly Dictionary<string, NamedSchema> _byFullName = new(StringComparer.Ordinal);
    private readonly SchemaNames? _parent;

    /// <summary>Creates an empty table.</summary>
    public SchemaNames()
    {
    }

    private SchemaNames(SchemaNames parent) => _parent = parent;

    /// <summary>All known named types.</summary>
    public IEnumerable<NamedSchema> All => _parent is null ? _byFullName.Values : _parent.All.Concat(_byFullName.Values);

    /// <summary>The named type with this full name, or null.</summary>
    public NamedSchema? Find(string fullName) => _byFullName.GetValueOrDefault(fullName) ?? _parent?.Find(fullName);

    /// <summary>A scope that sees this table's names and collects new ones until <see cref="Commit"/>.</summary>
    internal SchemaNames BeginScope() => new(this);

    /// <summary>Adds the names defined in this scope to its parent.</summary>
    internal void Commit()
    {
        foreach (var schema in _byFullName.Values)
        {
            _parent!._byFullName.Add(schema.Name.FullName, schema);
        }
    }

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
        if (_parent?.Find(schema.Name.FullName) is not null || !_byFullName.TryAdd(schema.Name.FullName, schema))
        {
            throw new AvroSchemaException($"{path}: type '{schema.Name.FullName}' is already defined");
        }
    }
}
