using RecoStreams.Avro.IO;

namespace RecoStreams.Avro.Generic.Decoding;

/// <summary>
/// One node of a precomputed resolution plan: decodes a value written with a writer schema into the
/// generic value of a reader schema. Built once per (writer, reader) pair, so decoding a record walks
/// only the plan, never the schemas.
/// </summary>
internal abstract class ValueDecoder
{
    /// <summary>Decodes one value.</summary>
    public abstract object? Read(ref AvroBinaryReader reader);

    /// <summary>Consumes one value without building it; overridden where that can be cheaper than reading.</summary>
    public virtual void Skip(ref AvroBinaryReader reader) => Read(ref reader);
}
