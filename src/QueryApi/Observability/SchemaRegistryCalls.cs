using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// Counts of schema-registry calls by operation and outcome. It exists before the host's meters do (the
/// topology's serdes get the registry while the host is built), so the counts live here and
/// <see cref="TopologyMetrics"/> reads them at each scrape.
/// </summary>
public sealed class SchemaRegistryCalls
{
    private readonly ConcurrentDictionary<(string Operation, string Outcome), StrongBox<long>> _counts = new();

    public void Record(string operation, bool succeeded) =>
        Interlocked.Increment(ref _counts.GetOrAdd((operation, succeeded ? "ok" : "error"), static _ => new StrongBox<long>()).Value);

    public IReadOnlyList<(string Operation, string Outcome, long Count)> Snapshot() =>
        _counts.Select(e => (e.Key.Operation, e.Key.Outcome, Interlocked.Read(ref e.Value.Value))).ToList();
}
