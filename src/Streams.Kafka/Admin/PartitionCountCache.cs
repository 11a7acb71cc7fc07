using System.Collections.Concurrent;

namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>
/// Partition counts known at start-up, extended by metadata look-ups for other topics (sinks with a
/// custom partitioner). Partition counts of live topics only grow, and growing one breaks keyed
/// placement anyway, so a count is cached for the life of the application.
/// </summary>
internal sealed class PartitionCountCache(ITopicAdmin admin, IReadOnlyDictionary<string, int> known)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(known, StringComparer.Ordinal);

    public int Of(string topic) =>
        _counts.GetOrAdd(topic, t => admin.PartitionCounts([t]).TryGetValue(t, out var count)
            ? count
            : throw new StreamsException($"Topic '{t}' does not exist, so records cannot be partitioned for it."));
}
