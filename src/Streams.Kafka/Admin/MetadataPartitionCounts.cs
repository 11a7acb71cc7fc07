using Confluent.Kafka;

namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>
/// Partition counts from a cluster-wide metadata request. It asks for all topics on purpose: a metadata
/// request naming a topic may auto-create it (and on the mock cluster always does).
/// </summary>
internal static class MetadataPartitionCounts
{
    public static IReadOnlyDictionary<string, int> Lookup(IAdminClient admin, IEnumerable<string> topics, TimeSpan timeout)
    {
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        var metadata = admin.GetMetadata(timeout);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in metadata.Topics)
        {
            if (wanted.Contains(topic.Topic) && topic.Error.Code == ErrorCode.NoError)
            {
                counts[topic.Topic] = topic.Partitions.Count;
            }
        }

        return counts;
    }

    /// <summary>Throws when an existing topic's partition count differs from the one required.</summary>
    public static void RequireMatching(IReadOnlyCollection<InternalTopicSpec> topics, IReadOnlyDictionary<string, int> existing)
    {
        var mismatched = topics
            .Where(t => existing.TryGetValue(t.Name, out var count) && count != t.Partitions)
            .Select(t => $"{t.Name} has {existing[t.Name]} partitions, expected {t.Partitions}")
            .ToList();
        if (mismatched.Count > 0)
        {
            throw new InvalidOperationException("Internal topics exist with the wrong partition count: " + string.Join("; ", mismatched) + ".");
        }
    }
}
