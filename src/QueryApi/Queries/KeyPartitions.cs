using System.Text;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Where a string key lives: Kafka's murmur2 over the key's UTF-8 bytes (what the string serde writes and
/// what murmur2_random producers hash), so queries look in the partition the record was produced to.
/// </summary>
public static class KeyPartitions
{
    public static int Of(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(key), partitions);
    }

    /// <summary>
    /// The partition of the user-keyed stores holding <paramref name="userId"/>: they live in the by-user
    /// subtopology, co-partitioned with engagement-events. Null while that topic's partition count is unknown.
    /// </summary>
    public static int? UserPartition(this IPartitionCountSource partitions, string userId) =>
        partitions.PartitionCount(RecoTopics.EngagementEvents) is { } count ? Of(userId, count) : null;
}
