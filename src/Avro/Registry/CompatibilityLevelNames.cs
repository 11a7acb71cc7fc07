using RecoStreams.Avro.Compatibility;

namespace RecoStreams.Avro.Registry;

/// <summary>Confluent's names of compatibility levels (BACKWARD_TRANSITIVE, ...).</summary>
public static class CompatibilityLevelNames
{
    /// <summary>The registry's name of <paramref name="level"/>.</summary>
    public static string ToName(CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a compatibility level"),
    };

    /// <summary>Parses a registry level name, ignoring case.</summary>
    public static bool TryParse(string? name, out CompatibilityLevel level)
    {
        foreach (var candidate in Enum.GetValues<CompatibilityLevel>())
        {
            if (string.Equals(ToName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }

    /// <summary>Parses a registry level name, ignoring case.</summary>
    /// <exception cref="SchemaRegistryException">42203 when the name is not a level.</exception>
    public static CompatibilityLevel Parse(string? name) =>
        TryParse(name, out var level) ? level
            : throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidCompatibilityLevel, $"invalid compatibility level '{name}'");
}
