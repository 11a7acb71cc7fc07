using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.Runtime;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Restore;

public sealed class ChangelogReaderTests
{
    private const string Changelog = "app-store-changelog";

    [Fact]
    public void Replays_each_partition_from_the_beginning_without_a_checkpoint()
    {
        using var cluster = ClusterWithChangelog(perPartition: [2500, 3]);
        using var consumer = RestoreConsumer(cluster);
        var listener = new RecordingListener();
        var restored = new Dictionary<int, List<ConsumedRecord>> { [0] = [], [1] = [] };

        var counts = new ChangelogReader(consumer, listener, batchSize: 1000).Restore(
            [Target(0, null, restored), Target(1, null, restored)], TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), restored[0].Select(r => r.Offset));
        Assert.Equal(3, restored[1].Count);
        Assert.Equal(2500, counts[(Changelog, 0)]);
        var batches = listener.Batches.Where(b => b.Partition == 0).Select(b => b.Size).ToList();
        Assert.All(batches, size => Assert.InRange(size, 1, 1000));
        Assert.True(batches.Count >= 3, $"2500 records in batches of at most 1000 need 3 batches, got {batches.Count}");
        Assert.Equal(2, listener.Ends.Count);
    }

    [Fact]
    public void Starts_just_after_the_checkpointed_offset()
    {
        using var cluster = ClusterWithChangelog(perPartition: [10, 10]);
        using var consumer = RestoreConsumer(cluster);
        var restored = new Dictionary<int, List<ConsumedRecord>> { [0] = [], [1] = [] };

        new ChangelogReader(consumer, new RecordingListener()).Restore(
            [Target(0, 6, restored), Target(1, 9, restored)], TestContext.Current.CancellationToken);

        Assert.Equal([7L, 8L, 9L], restored[0].Select(r => r.Offset));
        Assert.Empty(restored[1]);
    }

    [Fact]
    public void A_checkpoint_at_the_end_restores_nothing_and_still_reports_start_and_end()
    {
        using var cluster = ClusterWithChangelog(perPartition: [5, 0]);
        using var consumer = RestoreConsumer(cluster);
        var listener = new RecordingListener();
        var restored = new Dictionary<int, List<ConsumedRecord>> { [0] = [], [1] = [] };

        var counts = new ChangelogReader(consumer, listener).Restore(
            [Target(0, 4, restored), Target(1, null, restored)], TestContext.Current.CancellationToken);

        Assert.All(counts.Values, c => Assert.Equal(0, c));
        Assert.Equal(2, listener.Starts);
        Assert.Equal(2, listener.Ends.Count);
        Assert.Empty(listener.Batches);
    }

    private static MockCluster ClusterWithChangelog(int[] perPartition)
    {
        var cluster = new MockCluster();
        cluster.CreateTopic(Changelog, perPartition.Length);
        TopicIo.Produce(cluster, Changelog, perPartition.SelectMany((count, p) =>
            Enumerable.Range(0, count).Select(i => (p, (byte[]?)BitConverter.GetBytes(i), (byte[]?)[(byte)p]))));
        return cluster;
    }

    private static IConsumer<byte[]?, byte[]?> RestoreConsumer(MockCluster cluster) =>
        new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.RestoreConsumer(
            new KafkaClientOptions { BootstrapServers = cluster.BootstrapServers, ApplicationId = "app" }, "restore")).Build();

    private static RestorePartition Target(int partition, long? checkpoint, Dictionary<int, List<ConsumedRecord>> into) =>
        new(Changelog, partition, "store", checkpoint, batch => into[partition].AddRange(batch));

    private sealed class RecordingListener : IStateRestoreListener
    {
        public int Starts { get; private set; }

        public List<(int Partition, int Size)> Batches { get; } = [];

        public List<RestoreSummary> Ends { get; } = [];

        public void OnRestoreStart(string topic, int partition, string storeName, long startingOffset, long endingOffset) => Starts++;

        public void OnBatchRestored(string topic, int partition, string storeName, long batchEndOffset, int batchSize) => Batches.Add((partition, batchSize));

        public void OnRestoreEnd(string topic, int partition, string storeName, RestoreSummary summary) => Ends.Add(summary);
    }
}
