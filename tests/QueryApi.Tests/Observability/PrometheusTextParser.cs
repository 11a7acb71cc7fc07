using System.Globalization;
using System.Text;

namespace RecoStreams.QueryApi.Tests.Observability;

/// <summary>A sample line: its full name (e.g. <c>x_bucket</c>), labels in written order, and value.</summary>
public sealed record ParsedSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;
}

public sealed record ParsedFamily(string Name, string? Help, string Type, IReadOnlyList<ParsedSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, written from the published spec, so the
/// tests judge the writer's output against the format rather than against the writer's own helpers.
/// Any violation throws <see cref="FormatException"/> naming the line.
/// </summary>
public static class PrometheusTextParser
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<ParsedSample>>(StringComparer.Ordinal);
        var order = new List<string>();
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var seriesSeen = new HashSet<string>(StringComparer.Ordinal);

        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            var where = $"line {n + 1}: '{line}'";
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string family;
            if (line.StartsWith('#'))
            {
                var tokens = line.Split(' ', 4);
                if (tokens.Length < 3 || tokens[0] != "#" || (tokens[1] != "HELP" && tokens[1] != "TYPE"))
                {
                    continue; // an ordinary comment
                }

                family = tokens[2];
                RequireMetricName(family, where);
                if (tokens[1] == "HELP")
                {
                    if (!helps.TryAdd(family, Unescape(tokens.Length > 3 ? tokens[3] : string.Empty, where)))
                    {
                        throw new FormatException($"Second HELP for {family} at {where}");
                    }
                }
                else
                {
                    if (tokens.Length != 4 || !Types.Contains(tokens[3]))
                    {
                        throw new FormatException($"Bad TYPE at {where}");
                    }

                    if (samples.ContainsKey(family))
                    {
                        throw new FormatException($"TYPE for {family} after its samples at {where}");
                    }

                    if (!types.TryAdd(family, tokens[3]))
                    {
                        throw new FormatException($"Second TYPE for {family} at {where}");
                    }
                }
            }
            else
            {
                var sample = ParseSample(line, where);
                family = FamilyOf(sample.Name, types);
                var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => l.Key + "=" + l.Value)) + "}";
                if (!seriesSeen.Add(key))
                {
                    throw new FormatException($"Duplicate series at {where}");
                }

                if (!samples.TryGetValue(family, out var list))
                {
                    samples[family] = list = [];
                }

                list.Add(sample);
            }

            // All lines of one family form a single group.
            if (family != current)
            {
                if (closed.Contains(family))
                {
                    throw new FormatException($"Family {family} is not contiguous at {where}");
                }

                if (current is not null)
                {
                    closed.Add(current);
                }

                current = family;
                order.Add(family);
            }
        }

        var result = new Dictionary<string, ParsedFamily>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            var type = types.GetValueOrDefault(name, "untyped");
            var familySamples = samples.GetValueOrDefault(name) ?? [];
            var parsed = new ParsedFamily(name, helps.GetValueOrDefault(name), type, familySamples);
            Validate(parsed);
            result[name] = parsed;
        }

        return result;
    }

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && types.TryGetValue(sampleName[..^suffix.Length], out var type)
                && (type == "histogram" || (type == "summary" && suffix != "_bucket")))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }

    private static void Validate(ParsedFamily family)
    {
        switch (family.Type)
        {
            case "counter":
                foreach (var s in family.Samples)
                {
                    if (s.Name != family.Name || s.Value < 0)
                    {
                        throw new FormatException($"Counter sample {s.Name} is misnamed or negative.");
                    }
                }

                break;
            case "gauge":
                if (family.Samples.Any(s => s.Name != family.Name))
                {
                    throw new FormatException($"Gauge {family.Name} has a sample of another name.");
                }

                break;
            case "histogram":
                ValidateHistogram(family);
                break;
        }
    }

    private static void ValidateHistogram(ParsedFamily family)
    {
        var bySeries = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le")
            .OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)));
        foreach (var series in bySeries)
        {
            var buckets = series.Where(s => s.Name == family.Name + "_bucket").ToList();
            var sums = series.Where(s => s.Name == family.Name + "_sum").ToList();
            var counts = series.Where(s => s.Name == family.Name + "_count").ToList();
            if (sums.Count != 1 || counts.Count != 1 || buckets.Count == 0
                || series.Any(s => s.Name == family.Name))
            {
                throw new FormatException($"Histogram {family.Name}{{{series.Key}}} needs buckets, one _sum and one _count.");
            }

            var previousBound = double.NegativeInfinity;
            var previousCount = 0d;
            foreach (var bucket in buckets)
            {
                var le = bucket.Label("le") ?? throw new FormatException($"Bucket of {family.Name} without le.");
                var bound = ParseValue(le, "le");
                if (bound <= previousBound || bucket.Value < previousCount)
                {
                    throw new FormatException($"Buckets of {family.Name} are not increasing and cumulative at le={le}.");
                }

                previousBound = bound;
                previousCount = bucket.Value;
            }

            if (!double.IsPositiveInfinity(previousBound))
            {
                throw new FormatException($"Histogram {family.Name} lacks the le=\"+Inf\" bucket.");
            }

            if (previousCount != counts[0].Value)
            {
                throw new FormatException($"Histogram {family.Name}: +Inf bucket {previousCount} != _count {counts[0].Value}.");
            }
        }
    }

    private static ParsedSample ParseSample(string line, string where)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ' && line[i] != '\t')
        {
            i++;
        }

        var name = line[..i];
        RequireMetricName(name, where);
        var labels = new List<KeyValuePair<string, string>>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i < line.Length && line[i] == '}')
                {
                    i++;
                    break;
                }

                var start = i;
                while (i < line.Length && line[i] != '=')
                {
                    i++;
                }

                var labelName = line[start..i];
                if (!IsName(labelName, colon: false) || labelName.StartsWith("__", StringComparison.Ordinal))
                {
                    throw new FormatException($"Bad label name '{labelName}' at {where}");
                }

                if (labels.Any(l => l.Key == labelName))
                {
                    throw new FormatException($"Duplicate label '{labelName}' at {where}");
                }

                if (i + 1 >= line.Length || line[i + 1] != '"')
                {
                    throw new FormatException($"Label value must be quoted at {where}");
                }

                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"Unterminated label value at {where}");
                    }

                    var c = line[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i >= line.Length)
                        {
                            throw new FormatException($"Dangling escape at {where}");
                        }

                        value.Append(line[i++] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"Unknown escape '\\{other}' at {where}"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                labels.Add(new(labelName, value.ToString()));
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
                else if (i >= line.Length || line[i] != '}')
                {
                    throw new FormatException($"Expected ',' or '}}' at {where}");
                }
            }
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"Expected a space before the value at {where}");
        }

        var rest = line[(i + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2)
        {
            throw new FormatException($"Expected a value and an optional timestamp at {where}");
        }

        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"Bad timestamp at {where}");
        }

        return new ParsedSample(name, labels, ParseValue(rest[0], where));
    }

    private static double ParseValue(string token, string where) => token switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"Bad value '{token}' at {where}"),
    };

    private static string Unescape(string text, string where)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            if (++i >= text.Length || (text[i] != '\\' && text[i] != 'n'))
            {
                throw new FormatException($"Bad escape in HELP at {where}");
            }

            builder.Append(text[i] == 'n' ? '\n' : '\\');
        }

        return builder.ToString();
    }

    private static void RequireMetricName(string name, string where)
    {
        if (!IsName(name, colon: true))
        {
            throw new FormatException($"Bad metric name '{name}' at {where}");
        }
    }

    private static bool IsName(string name, bool colon) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (colon && c == ':'));
}
