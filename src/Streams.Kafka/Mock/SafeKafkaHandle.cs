using Microsoft.Win32.SafeHandles;

namespace RecoStreams.Streams.Kafka.Mock;

/// <summary>An rd_kafka_t that hosts the mock cluster; destroyed with rd_kafka_destroy.</summary>
internal sealed class SafeKafkaHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeKafkaHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        MockClusterNative.KafkaDestroy(handle);
        return true;
    }
}
