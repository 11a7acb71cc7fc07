using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Tests.Shared;

namespace RecoStreams.Streams.Kafka.Tests.Support;

/// <summary>Produces test input and reads topics back, with bounded waits.</summary>
internal static class TopicIo
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static IProducer<byte[]?, byte[]?> Producer(MockCluster cluster) =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 1,
        }).Build();

    public static void Produce(MockCluster cluster, string topic, IEnumerable<(int Partition, byte[]? Key, byte[]? Value)> records)
    {
        using var producer = Producer(cluster);
        foreach (var (partition, key, value) in records)
        {
            producer.Produce(new TopicPartition(topic, partition), new Message<byte[]?, byte[]?> { Key = key, Value = value });
        }

        if (producer.Flush(Timeout) != 0)
        {
            throw new TimeoutException($"Producing to {topic} did not complete within {Timeout.TotalSeconds} s.");
        }
    }

    /// <summary>Reads every partition of <paramref name="topic"/> from the beginning up to its current end.</summary>
    public static IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(MockCluster cluster, string topic, int partitions, IsolationLevel isolation = IsolationLevel.ReadUncommitted)
        => TopicToEnd.Read(cluster.BootstrapServers, TopicToEnd.FromBeginning(topic, Enumerable.Range(0, partitions)), Timeout, isolation);
}
