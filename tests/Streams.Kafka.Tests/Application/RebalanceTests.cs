using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

public sealed class RebalanceTests
{
    private const int Partitions = 4;
    private const int Keys = 12;

    [Fact]
    public void Partitions_move_to_a_second_instance_and_back_without_losing_or_repeating_a_record()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(CountingTopology.Input, Partitions);
        cluster.CreateTopic(CountingTopology.Trace, Partitions);

        var log = new List<string>();
        using var first = Start(cluster, CountingTopology.Build(), Options(cluster, TempDirectory()), log);
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys);
        WaitFor(() => ReadTrace(cluster, Partitions).Count >= 100, "the first instance to process 100 records");

        using (var second = Start(cluster, CountingTopology.Build(), Options(cluster, TempDirectory()), log))
        {
            WaitFor(() => second.LocalTasks.Count > 0 && first.LocalTasks.Count + second.LocalTasks.Count == Partitions, "the partitions to be shared by both instances: " + string.Join("\n", log));
            Assert.Empty(first.LocalTasks.Intersect(second.LocalTasks));
            ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys, firstSequence: 100);
            WaitFor(() => ReadTrace(cluster, Partitions).Count >= 200, "both instances to process the next 100 records");
            Assert.True(second.Close(TimeSpan.FromSeconds(20)));
        }

        WaitFor(() => first.LocalTasks.Count == Partitions, "the first instance to take every partition back");
        WaitForState(first, KafkaStreamsState.Running);
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 100, keys: Keys, firstSequence: 200);
        WaitFor(() => ReadTrace(cluster, Partitions).Count >= 300, "the first instance to process the last 100 records");
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));

        var trace = ReadTrace(cluster, Partitions);
        // Every input record exactly once: graceful hand-overs commit before the partition moves.
        Assert.Equal(300, trace.Count);
        var perPartition = trace.GroupBy(t => t.Partition).ToDictionary(g => g.Key, g => g.Select(t => t.Offset).Order().ToList());
        Assert.All(perPartition.Values, offsets => Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => (long)i), offsets));
        // One task at a time per partition, with its state carried over through the changelog:
        // each key's running count goes 1, 2, 3, ... across both instances.
        foreach (var key in trace.GroupBy(t => t.Key))
        {
            Assert.Equal(Enumerable.Range(1, key.Count()).Select(i => (long)i), key.Select(t => t.Count).Order());
        }
    }
}
