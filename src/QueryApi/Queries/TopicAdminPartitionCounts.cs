using System.Collections.Concurrent;
using RecoStreams.Streams.Kafka.Admin;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Asks the cluster once per topic and caches the answer: the partition count of co-partitioned input
/// topics cannot change without re-keying every store, so a changed count is an operational reset anyway.
/// </summary>
public sealed class TopicAdminPartitionCounts(ITopicAdmin admin) : IPartitionCountSource, IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int? PartitionCount(string topic)
    {
        if (_counts.TryGetValue(topic, out var known))
        {
            return known;
        }

        // Missing topics are not cached: they may be created after this instance started.
        return admin.PartitionCounts([topic]).TryGetValue(topic, out var count) ? _counts.GetOrAdd(topic, count) : null;
    }

    public void Dispose() => admin.Dispose();
}
