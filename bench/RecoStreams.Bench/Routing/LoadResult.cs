namespace RecoStreams.Bench.Routing;

/// <summary>Requests completed in a load run: throughput and nearest-rank latency percentiles.</summary>
internal sealed record LoadResult(int Requests, double Seconds, int Errors, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;

    public static LoadResult From(List<double> latenciesMs, TimeSpan elapsed, int errors)
    {
        latenciesMs.Sort();
        return new LoadResult(latenciesMs.Count, elapsed.TotalSeconds, errors, Percentiles.NearestRank(latenciesMs, 0.50), Percentiles.NearestRank(latenciesMs, 0.99));
    }

    /// <summary>Runs of one path pooled: total requests over total time; percentiles of the rounds' medians and p99s.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> runs) => new(
        runs.Sum(r => r.Requests),
        runs.Sum(r => r.Seconds),
        runs.Sum(r => r.Errors),
        Median(runs.Select(r => r.P50Ms)),
        Median(runs.Select(r => r.P99Ms)));

    public override string ToString() => FormattableString.Invariant(
        $"{RequestsPerSecond:N0} req/s, p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms ({Requests:N0} requests, {Errors} errors)");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
