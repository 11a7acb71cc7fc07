using Microsoft.Win32.SafeHandles;

namespace RecoStreams.Streams.Kafka.Mock;

/// <summary>
/// An rd_kafka_mock_cluster_t. It keeps a reference on its hosting client handle so the client can never
/// be destroyed before the cluster, whatever order finalizers or Dispose run in.
/// </summary>
internal sealed class SafeMockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly SafeKafkaHandle _host;

    private SafeMockClusterHandle(SafeKafkaHandle host)
        : base(ownsHandle: true)
    {
        _host = host;
    }

    public static SafeMockClusterHandle Create(SafeKafkaHandle host, int brokerCount)
    {
        var cluster = new SafeMockClusterHandle(host);
        var addedRef = false;
        host.DangerousAddRef(ref addedRef);
        var raw = MockClusterNative.MockClusterNew(host, brokerCount);
        if (raw == IntPtr.Zero)
        {
            host.DangerousRelease();
            cluster.SetHandleAsInvalid();
            throw new InvalidOperationException($"rd_kafka_mock_cluster_new failed for {brokerCount} broker(s).");
        }

        cluster.SetHandle(raw);
        return cluster;
    }

    protected override bool ReleaseHandle()
    {
        MockClusterNative.MockClusterDestroy(handle);
        _host.DangerousRelease();
        return true;
    }
}
