using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Compatibility;

/// <summary>Checks a candidate schema against earlier versions under a registry compatibility level.</summary>
public static class CompatibilityChecker
{
    /// <summary>
    /// Checks <paramref name="candidate"/> against <paramref name="previous"/> (oldest first, newest last).
    /// Non-transitive levels compare with the newest version only; transitive ones with all of them.
    /// Each incompatibility's <see cref="Incompatibility.Context"/> names the direction and the version it breaks.
    /// </summary>
    public static CompatibilityResult Check(AvroSchema candidate, IReadOnlyList<AvroSchema> previous, CompatibilityLevel level)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(previous);
        if (level == CompatibilityLevel.None || previous.Count == 0)
        {
            return CompatibilityResult.Compatible;
        }

        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

        var found = new List<Incompatibility>();
        var first = transitive ? 0 : previous.Count - 1;
        for (var i = previous.Count - 1; i >= first; i--)
        {
            var version = $"version {i + 1} of {previous.Count}";
            if (backward)
            {
                found.AddRange(SchemaCompatibility.Check(candidate, previous[i]).Incompatibilities
                    .Select(x => x with { Context = $"new schema reading data of {version}" }));
            }

            if (forward)
            {
                found.AddRange(SchemaCompatibility.Check(previous[i], candidate).Incompatibilities
                    .Select(x => x with { Context = $"{version} reading data of the new schema" }));
            }
        }

        return found.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(found);
    }
}
