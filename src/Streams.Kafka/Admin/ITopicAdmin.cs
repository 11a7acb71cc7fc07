namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>The cluster operations the runtime needs at start-up: look up topics and create internal ones.</summary>
public interface ITopicAdmin : IDisposable
{
    /// <summary>Partition counts of those of <paramref name="topics"/> that exist; missing topics are absent.</summary>
    IReadOnlyDictionary<string, int> PartitionCounts(IEnumerable<string> topics);

    /// <summary>
    /// Creates the topics that do not exist yet. An existing topic with a different partition count is an
    /// error: its keys would be spread differently from the tasks that own them.
    /// </summary>
    void EnsureTopics(IReadOnlyCollection<InternalTopicSpec> topics);
}
