using System.Runtime.InteropServices;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Streams.Kafka.Mock;

/// <summary>
/// librdkafka's in-process mock Kafka cluster: real Kafka protocol over loopback TCP, no broker process.
/// A test double for the broker, good for produce/fetch/consumer groups/offset commits; it does not
/// support the CreateTopics admin API (create topics here) nor store offsets sent in a transaction.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly SafeKafkaHandle _host;
    private readonly SafeMockClusterHandle _cluster;

    public MockCluster(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        LibrdkafkaLoader.EnsureLoaded();
        _host = CreateHostClient();
        try
        {
            _cluster = SafeMockClusterHandle.Create(_host, brokerCount);
            BootstrapServers = Marshal.PtrToStringUTF8(MockClusterNative.MockClusterBootstraps(_cluster))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        }
        catch
        {
            _host.Dispose();
            throw;
        }

        BrokerCount = brokerCount;
    }

    /// <summary>"host:port,..." of the mock brokers, for bootstrap.servers.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>
    /// Creates a topic with <paramref name="partitions"/> partitions. Replication is capped at the broker count;
    /// the mock treats it as metadata only.
    /// </summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ObjectDisposedException.ThrowIf(_cluster.IsClosed, this);
        var err = MockClusterNative.MockTopicCreate(_cluster, name, partitions, Math.Clamp(replicationFactor, 1, BrokerCount));
        if (err != 0)
        {
            throw new InvalidOperationException($"Creating mock topic '{name}' with {partitions} partitions failed: {MockClusterNative.DescribeError(err)}.");
        }
    }

    /// <summary>
    /// Removes a partition's records before <paramref name="beforeOffset"/>, as retention does on a broker:
    /// the low watermark moves there, the high watermark stays.
    /// </summary>
    public void DeleteRecords(string topic, int partition, long beforeOffset)
    {
        ObjectDisposedException.ThrowIf(_cluster.IsClosed, this);
        var err = MockClusterNative.MockPartitionDeleteRecords(_cluster, topic, partition, beforeOffset);
        if (err != 0)
        {
            throw new InvalidOperationException($"Deleting records of {topic} [{partition}] before {beforeOffset} failed: {MockClusterNative.DescribeError(err)}.");
        }
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _host.Dispose();
    }

    private static SafeKafkaHandle CreateHostClient()
    {
        var errstr = new byte[ErrorBufferSize];
        var conf = MockClusterNative.ConfNew();
        // The host client never connects anywhere; silence its "no bootstrap.servers" warning.
        if (MockClusterNative.ConfSet(conf, "log_level", "3", errstr, (nuint)errstr.Length) != MockClusterNative.ConfOk)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException("Configuring the mock host client failed: " + MockClusterNative.ReadErrorBuffer(errstr));
        }

        var handle = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (handle.IsInvalid)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException("Creating the mock host client failed: " + MockClusterNative.ReadErrorBuffer(errstr));
        }

        return handle;
    }
}
