using System.Runtime.InteropServices;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Streams.Kafka.Mock;

/// <summary>
/// The few librdkafka C functions the mock cluster needs (rdkafka.h, rdkafka_mock.h of librdkafka 2.16).
/// Confluent.Kafka does not expose the mock API, so it is bound here directly, to the same library
/// <see cref="LibrdkafkaLoader"/> resolves for Confluent.Kafka.
/// </summary>
internal static partial class MockClusterNative
{
    /// <summary>rd_kafka_type_t.RD_KAFKA_PRODUCER.</summary>
    public const int ProducerType = 0;

    /// <summary>rd_kafka_conf_res_t.RD_KAFKA_CONF_OK.</summary>
    public const int ConfOk = 0;

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    /// <remarks>Takes ownership of <paramref name="conf"/> on success only.</remarks>
    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_new")]
    public static partial SafeKafkaHandle KafkaNew(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_destroy")]
    public static partial void KafkaDestroy(IntPtr rk);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(SafeKafkaHandle rk, int brokerCount);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr mcluster);

    /// <remarks>The returned string is owned by the cluster; copy it, never free it.</remarks>
    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(SafeMockClusterHandle mcluster);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(SafeMockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_mock_partition_delete_records", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionDeleteRecords(SafeMockClusterHandle mcluster, string topic, int partition, long beforeOffset);

    [LibraryImport(LibrdkafkaLoader.LibraryName, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorToString(int err);

    public static string DescribeError(int err) => Marshal.PtrToStringUTF8(ErrorToString(err)) ?? $"error {err}";

    public static string ReadErrorBuffer(byte[] errstr)
    {
        var length = Array.IndexOf(errstr, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errstr, 0, length < 0 ? errstr.Length : length);
    }
}
