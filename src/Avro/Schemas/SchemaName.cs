namespace RecoStreams.Avro.Schemas;

/// <summary>The full name of a named type: an optional dotted namespace and a simple name.</summary>
public sealed record SchemaName
{
    /// <summary>Creates a name; <paramref name="ns"/> null or empty means the null namespace.</summary>
    public SchemaName(string name, string? ns)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
    }

    /// <summary>The simple (unqualified) name.</summary>
    public string Name { get; }

    /// <summary>The namespace, or null for the null namespace.</summary>
    public string? Namespace { get; }

    /// <summary>Namespace and name joined by a dot, or just the name in the null namespace.</summary>
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;

    /// <summary>
    /// Resolves a name as written in a schema: a dotted name is already full; an undotted one takes
    /// <paramref name="enclosingNamespace"/>.
    /// </summary>
    public static SchemaName Resolve(string name, string? enclosingNamespace)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? new SchemaName(name, enclosingNamespace) : new SchemaName(name[(dot + 1)..], name[..dot]);
    }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
