using System.Diagnostics.Metrics;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// The query API's "RecoStreams" meter: request durations, forwarded queries and rate-limit rejections.
/// The streams runtime records into its own meter (<c>RecoStreams.Streams</c>), the topology's counters into
/// <see cref="TopologyMetrics"/>, the Postgres mirror into <c>RecoStreams.Mirror</c>.
/// </summary>
public sealed class RecoStreamsMetrics
{
    public const string MeterName = "RecoStreams";

    /// <summary>Outcomes of a query forwarded to the instance that owns the user.</summary>
    public static readonly IReadOnlyList<string> ForwardOutcomes = ["answered", "unreachable", "timeout"];

    private readonly Histogram<double> _httpDuration;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _rateLimited;

    public RecoStreamsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _httpDuration = meter.CreateHistogram<double>(
            "recostreams.http.server.request.duration", "s", "Duration of HTTP requests served by the query API.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _forwarded = meter.CreateCounter<long>(
            "recostreams.queries.forwarded", "{query}", "Queries forwarded to the instance that owns the user, by outcome.");
        _rateLimited = meter.CreateCounter<long>(
            "recostreams.http.rate_limited", "{request}", "Requests rejected with 429 by the per-user rate limit.");

        // Counters start at zero: a series that appears only with the first event hides the first increase from rate().
        foreach (var outcome in ForwardOutcomes)
        {
            _forwarded.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }

        _rateLimited.Add(0);
    }

    public void RecordHttpRequest(string route, string method, int statusCode, TimeSpan duration) =>
        _httpDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("http.route", route),
            new KeyValuePair<string, object?>("http.request.method", method),
            new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    /// <param name="outcome">One of <see cref="ForwardOutcomes"/>.</param>
    public void RecordForwardedQuery(string outcome) => _forwarded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordRateLimited() => _rateLimited.Add(1);
}
