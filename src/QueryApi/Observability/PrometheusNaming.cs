using System.Text;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Maps System.Diagnostics.Metrics instrument names, units and tag keys onto Prometheus names, following
/// the OpenTelemetry-to-Prometheus conventions: invalid characters become '_', the unit becomes a suffix
/// (<c>s</c> → <c>_seconds</c>), counters end in <c>_total</c>.
/// </summary>
public static class PrometheusNaming
{
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["%"] = "percent",
    };

    /// <summary>The Prometheus family name for an instrument.</summary>
    public static string MetricName(string instrumentName, string? unit, PrometheusMetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit, type);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        if (type == PrometheusMetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>
    /// A valid Prometheus label name for a tag key (no ':'). Collapsing '_' runs also keeps names clear of
    /// the "__" prefix Prometheus reserves.
    /// </summary>
    public static string LabelName(string tagKey) => Sanitize(tagKey, allowColon: false);

    /// <summary>True when <paramref name="name"/> matches <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string name) => IsValid(name, allowColon: true);

    /// <summary>True when <paramref name="name"/> matches <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidLabelName(string name) => IsValid(name, allowColon: false);

    private static string UnitSuffix(string? unit, PrometheusMetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        // Annotations such as "{record}" only name what is counted; Prometheus drops them.
        var trimmed = StripAnnotations(unit).Trim();
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        if (trimmed == "1")
        {
            // A dimensionless gauge is a ratio; a dimensionless counter just counts.
            return type == PrometheusMetricType.Gauge ? "ratio" : string.Empty;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return Sanitize(Word(trimmed[..slash]) + "_per_" + Word(trimmed[(slash + 1)..]), allowColon: false);
        }

        return Sanitize(Word(trimmed), allowColon: false);
    }

    private static string Word(string unit) => UnitWords.TryGetValue(unit, out var word) ? word : unit;

    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Sanitize(string raw, bool allowColon)
    {
        var builder = new StringBuilder(raw.Length + 1);
        foreach (var c in raw)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            var mapped = valid ? c : '_';
            // Collapse runs of '_' so "a..b" and "a._b" do not produce noisy names.
            if (mapped == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(mapped);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static bool IsValid(string name, bool allowColon)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':')))
            {
                return false;
            }
        }

        return true;
    }
}
