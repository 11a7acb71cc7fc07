using System.Globalization;

namespace RecoStreams.Topology.Mapping;

/// <summary>Window sizes as the contracts and the query API name them: "1h", "24h", "30m", "90s".</summary>
public static class WindowLabels
{
    public static string Format(long sizeMs) => sizeMs switch
    {
        _ when sizeMs % 3_600_000 == 0 => $"{sizeMs / 3_600_000}h",
        _ when sizeMs % 60_000 == 0 => $"{sizeMs / 60_000}m",
        _ when sizeMs % 1000 == 0 => $"{sizeMs / 1000}s",
        _ => $"{sizeMs}ms",
    };

    public static bool TryParse(string label, out long sizeMs)
    {
        sizeMs = 0;
        var (digits, unitMs) = label switch
        {
            _ when label.EndsWith("ms", StringComparison.Ordinal) => (label[..^2], 1L),
            _ when label.EndsWith('h') => (label[..^1], 3_600_000L),
            _ when label.EndsWith('m') => (label[..^1], 60_000L),
            _ when label.EndsWith('s') => (label[..^1], 1000L),
            _ => (string.Empty, 0L),
        };
        if (unitMs == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        sizeMs = count * unitMs;
        return true;
    }
}
