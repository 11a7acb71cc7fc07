using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>
/// Every instance's latest advertisement, by endpoint: the table behind "which instance hosts task X".
/// An advertisement older than the expiry is ignored (its instance crashed without withdrawing), and when
/// two live advertisements claim a task during a rebalance the newer one wins. A stale answer is harmless:
/// the instance asked checks its own tasks and answers 503 rather than a wrong result.
/// </summary>
public sealed class InstanceDirectory(TimeSpan expiry)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceAdvertisement> _byEndpoint = new(StringComparer.Ordinal);

    /// <summary>Records an advertisement, unless one from the same endpoint with a later timestamp is known.</summary>
    public void Apply(InstanceAdvertisement advertisement)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        lock (_gate)
        {
            if (!_byEndpoint.TryGetValue(advertisement.Endpoint, out var known) || known.TimestampMs <= advertisement.TimestampMs)
            {
                _byEndpoint[advertisement.Endpoint] = advertisement;
            }
        }
    }

    /// <summary>A tombstone: the instance at <paramref name="endpoint"/> stopped cleanly.</summary>
    public void Remove(string endpoint)
    {
        lock (_gate)
        {
            _byEndpoint.Remove(endpoint);
        }
    }

    /// <summary>The endpoint of the live instance hosting <paramref name="task"/>, or null when none is known.</summary>
    public string? ActiveHost(TaskId task, long nowMs)
    {
        lock (_gate)
        {
            return Live(nowMs)
                .Where(a => a.Tasks.Contains(task))
                .OrderByDescending(a => a.TimestampMs)
                .ThenBy(a => a.Endpoint, StringComparer.Ordinal)
                .Select(a => a.Endpoint)
                .FirstOrDefault();
        }
    }

    /// <summary>Live advertisements, ordered by endpoint.</summary>
    public IReadOnlyList<InstanceAdvertisement> Instances(long nowMs)
    {
        lock (_gate)
        {
            return [.. Live(nowMs).OrderBy(a => a.Endpoint, StringComparer.Ordinal)];
        }
    }

    private IEnumerable<InstanceAdvertisement> Live(long nowMs) =>
        _byEndpoint.Values.Where(a => nowMs - a.TimestampMs <= (long)expiry.TotalMilliseconds);
}
