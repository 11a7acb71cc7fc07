using System.Globalization;
using System.Text;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Writes metric families in the Prometheus text exposition format, version 0.0.4: one <c># HELP</c> and
/// one <c># TYPE</c> line per family before its samples, '\n' line endings, and a trailing newline.
/// </summary>
public static class PrometheusTextWriter
{
    /// <summary>The HTTP content type of this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var builder = new StringBuilder(4096);
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        {
            Write(writer, families);
        }

        return builder.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(families);
        // The format is '\n'-delimited regardless of the platform's newline.
        writer.NewLine = "\n";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            if (!PrometheusNaming.IsValidMetricName(family.Name))
            {
                throw new ArgumentException($"'{family.Name}' is not a valid Prometheus metric name.", nameof(families));
            }

            if (!seen.Add(family.Name))
            {
                throw new ArgumentException($"Metric family '{family.Name}' appears more than once.", nameof(families));
            }

            WriteFamily(writer, family);
        }
    }

    /// <summary>Formats a sample value as Go's ParseFloat reads it, with Prometheus' spelling of the specials.</summary>
    public static string FormatValue(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        return double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes HELP text: backslash and line feed (quotes stay as they are).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void WriteFamily(TextWriter writer, MetricFamily family)
    {
        writer.Write("# HELP ");
        writer.Write(family.Name);
        writer.Write(' ');
        writer.WriteLine(EscapeHelp(family.Help));
        writer.Write("# TYPE ");
        writer.Write(family.Name);
        writer.Write(' ');
        writer.WriteLine(TypeName(family.Type));

        foreach (var series in family.Series)
        {
            switch (series)
            {
                case ScalarSeries scalar when family.Type != PrometheusMetricType.Histogram:
                    WriteSample(writer, family.Name, scalar.Labels, null, FormatValue(scalar.Value));
                    break;
                case HistogramSeries histogram when family.Type == PrometheusMetricType.Histogram:
                    WriteHistogram(writer, family.Name, histogram);
                    break;
                default:
                    throw new ArgumentException(
                        $"Series of type {series.GetType().Name} does not belong to {family.Type} family '{family.Name}'.");
            }
        }
    }

    private static void WriteHistogram(TextWriter writer, string name, HistogramSeries series)
    {
        if (series.BucketCounts.Count != series.UpperBounds.Count + 1)
        {
            throw new ArgumentException($"Histogram '{name}' needs one bucket count per bound plus an overflow bucket.");
        }

        var bucketName = name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < series.UpperBounds.Count; i++)
        {
            cumulative += series.BucketCounts[i];
            WriteSample(writer, bucketName, series.Labels, FormatValue(series.UpperBounds[i]), cumulative.ToString(CultureInfo.InvariantCulture));
        }

        // The +Inf bucket is by definition every observation, so it always equals _count.
        WriteSample(writer, bucketName, series.Labels, "+Inf", series.Count.ToString(CultureInfo.InvariantCulture));
        WriteSample(writer, name + "_sum", series.Labels, null, FormatValue(series.Sum));
        WriteSample(writer, name + "_count", series.Labels, null, series.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteSample(
        TextWriter writer,
        string name,
        IReadOnlyList<KeyValuePair<string, string>> labels,
        string? le,
        string value)
    {
        writer.Write(name);
        if (labels.Count > 0 || le is not null)
        {
            writer.Write('{');
            var first = true;
            foreach (var (labelName, labelValue) in labels)
            {
                if (!PrometheusNaming.IsValidLabelName(labelName) || (le is not null && labelName == "le"))
                {
                    throw new ArgumentException($"'{labelName}' is not a valid label name for '{name}'.");
                }

                WriteLabel(writer, labelName, labelValue, ref first);
            }

            if (le is not null)
            {
                WriteLabel(writer, "le", le, ref first);
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.WriteLine(value);
    }

    private static void WriteLabel(TextWriter writer, string name, string value, ref bool first)
    {
        if (!first)
        {
            writer.Write(',');
        }

        first = false;
        writer.Write(name);
        writer.Write("=\"");
        writer.Write(EscapeLabelValue(value));
        writer.Write('"');
    }

    private static string TypeName(PrometheusMetricType type) => type switch
    {
        PrometheusMetricType.Counter => "counter",
        PrometheusMetricType.Gauge => "gauge",
        PrometheusMetricType.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
