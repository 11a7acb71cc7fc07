namespace RecoStreams.Avro.Schemas;

/// <summary>How a record field takes part in sort order.</summary>
public enum FieldOrder
{
    /// <summary>Ascending (the default).</summary>
    Ascending,
    /// <summary>Descending.</summary>
    Descending,
    /// <summary>Ignored when comparing records.</summary>
    Ignore,
}
