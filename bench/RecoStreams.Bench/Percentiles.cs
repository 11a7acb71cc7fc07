namespace RecoStreams.Bench;

internal static class Percentiles
{
    /// <summary>Nearest rank: the smallest sample with at least <paramref name="q"/> of all samples at or below it.</summary>
    public static double NearestRank(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
