using RecoStreams.Processors.Domain;

namespace RecoStreams.Ingestion.Events;

/// <summary>How a file's events are replayed: in time order, optionally moved to now, at a capped rate.</summary>
public static class EventReplay
{
    /// <summary>
    /// Events in time order. With <paramref name="timeScale"/>, the file's time span shrinks by that factor and
    /// ends at <paramref name="now"/> (recent enough for windowed popularity and decayed affinity); without it,
    /// times are kept as written.
    /// </summary>
    public static List<EngagementEvent> Timeline(IEnumerable<EngagementEvent> events, double? timeScale, DateTimeOffset now)
    {
        var ordered = events.OrderBy(e => e.OccurredAt).ToList();
        if (timeScale is not { } scale || ordered.Count == 0)
        {
            return ordered;
        }

        var last = ordered[^1].OccurredAt;
        return [.. ordered.Select(e => e with { OccurredAt = now - ((last - e.OccurredAt) / scale) })];
    }

    /// <summary>Hands each event to <paramref name="publish"/>, at most <paramref name="ratePerSecond"/> a second when given.</summary>
    public static async Task<long> RunAsync(
        IReadOnlyList<EngagementEvent> events,
        Action<EngagementEvent> publish,
        double? ratePerSecond,
        IProgress<long> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(progress);
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ratePerSecond is { } rate && TimeSpan.FromSeconds(i / rate) - started.Elapsed is { Ticks: > 0 } ahead)
            {
                await Task.Delay(ahead, cancellationToken);
            }

            publish(events[i]);
            if (i % 1000 == 999)
            {
                progress.Report(i + 1);
            }
        }

        progress.Report(events.Count);
        return events.Count;
    }
}
