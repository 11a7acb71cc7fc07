namespace RecoStreams.Avro.Registry;

/// <summary>Outcome of testing a schema against a subject's versions.</summary>
/// <param name="IsCompatible">True when the schema may be registered under the subject's level.</param>
/// <param name="Messages">Why it is not, one line per breaking change; empty when compatible.</param>
public sealed record CompatibilityCheckResult(bool IsCompatible, IReadOnlyList<string> Messages);
