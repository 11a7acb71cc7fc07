namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>
/// Checks at start-up what a subtopology's tasks assume: task N reads partition N of every source topic,
/// which only means "the same keys" when those topics have equal partition counts.
/// </summary>
public static class CopartitioningValidator
{
    /// <param name="sourceTopicsBySubtopology">Each subtopology's external source topics.</param>
    /// <param name="partitionCounts">Partition counts of the topics that exist.</param>
    public static void Validate(
        IReadOnlyDictionary<int, IReadOnlyCollection<string>> sourceTopicsBySubtopology,
        IReadOnlyDictionary<string, int> partitionCounts)
    {
        var missing = sourceTopicsBySubtopology.Values.SelectMany(t => t).Where(t => !partitionCounts.ContainsKey(t)).Distinct().Order().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Source topics do not exist: " + string.Join(", ", missing) + ".");
        }

        foreach (var (subtopology, topics) in sourceTopicsBySubtopology.OrderBy(e => e.Key))
        {
            if (topics.Select(t => partitionCounts[t]).Distinct().Count() > 1)
            {
                var listing = string.Join(", ", topics.Order().Select(t => $"{t} ({partitionCounts[t]} partitions)"));
                throw new InvalidOperationException(
                    $"Subtopology {subtopology} joins topics that are not co-partitioned: {listing}. " +
                    "Its source topics must have the same number of partitions; repartition one of them first.");
            }
        }
    }
}
