namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>
/// Prepares the cluster before any thread starts (Kafka Streams does this in its partition assignor):
/// checks that source topics exist and are co-partitioned, then creates changelog and repartition
/// topics with the partition counts the topology implies.
/// </summary>
public static class InternalTopicManager
{
    /// <summary>Returns the partition count of every topic the topology reads or writes internally.</summary>
    public static IReadOnlyDictionary<string, int> Prepare(TopologyDescription topology, ITopicAdmin admin)
    {
        var external = topology.Subtopologies.SelectMany(s => s.SourceTopics)
            .Concat(topology.GlobalStores.Select(g => g.Topic))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var counts = new Dictionary<string, int>(admin.PartitionCounts(external), StringComparer.Ordinal);
        var missing = external.Where(t => !counts.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Source topics do not exist: " + string.Join(", ", missing) + ".");
        }

        var internalCounts = topology.ResolvePartitionCounts(t => counts[t]);
        admin.EnsureTopics(topology.InternalTopics
            .DistinctBy(t => t.Name)
            .Select(t => new InternalTopicSpec(t.Name, internalCounts[t.Name], t.Config))
            .ToList());
        foreach (var (topic, count) in internalCounts)
        {
            counts[topic] = count;
        }

        CopartitioningValidator.Validate(
            topology.Subtopologies.ToDictionary(s => s.Id, s => (IReadOnlyCollection<string>)s.AllSourceTopics.ToList()),
            counts);
        return counts;
    }
}
