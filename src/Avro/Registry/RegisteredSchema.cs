namespace RecoStreams.Avro.Registry;

/// <summary>One version of a subject: the schema text, its global id and its version number.</summary>
/// <param name="Subject">Subject the schema is registered under.</param>
/// <param name="Version">1-based version within the subject.</param>
/// <param name="Id">Global schema id, the one written into the Confluent wire format.</param>
/// <param name="Schema">Schema text as registered.</param>
public sealed record RegisteredSchema(string Subject, int Version, int Id, string Schema);
