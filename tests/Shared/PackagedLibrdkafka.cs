using System.Runtime.CompilerServices;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Tests.Shared;

/// <summary>
/// Binds Confluent.Kafka to the packaged librdkafka before any test of the assembly runs (linked into every test
/// project that builds Kafka clients). Its P/Invokes bind one by one on first call: a test that built a client before
/// anything called <see cref="LibrdkafkaLoader.EnsureLoaded"/> bound the first ones to the system's librdkafka
/// (Debian's 2.0.2), the later ones to the packaged 2.16, and a producer made by one library and used by the other
/// crashed the test process (SIGSEGV in rd_kafka_topic_new0).
/// </summary>
internal static class PackagedLibrdkafka
{
    [ModuleInitializer]
    internal static void Bind() => LibrdkafkaLoader.EnsureLoaded();
}
