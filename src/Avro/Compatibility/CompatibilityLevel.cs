namespace RecoStreams.Avro.Compatibility;

/// <summary>Schema-registry compatibility levels: which earlier versions a new schema is checked against, and in which direction.</summary>
public enum CompatibilityLevel
{
    /// <summary>No checks.</summary>
    None,
    /// <summary>The new schema can read data written with the latest previous schema.</summary>
    Backward,
    /// <summary>The new schema can read data written with every previous schema.</summary>
    BackwardTransitive,
    /// <summary>The latest previous schema can read data written with the new schema.</summary>
    Forward,
    /// <summary>Every previous schema can read data written with the new schema.</summary>
    ForwardTransitive,
    /// <summary>Both backward and forward against the latest previous schema.</summary>
    Full,
    /// <summary>Both backward and forward against every previous schema.</summary>
    FullTransitive,
}
