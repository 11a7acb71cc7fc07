using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Ingestion;

/// <summary>
/// The idempotent producers of user-keyed records (feedback, events, refresh requests, erasures, consents,
/// experiments, exposures). Keys are user ids hashed with murmur2 (not librdkafka's default CRC32), so each
/// record lands in the partition the user's stores use.
/// </summary>
public static class UserKeyedProducer
{
    /// <summary>A caller usually waits for the delivery report: fail within an HTTP-friendly time.</summary>
    public static ProducerConfig Config(string bootstrapServers, string clientId) => new()
    {
        BootstrapServers = bootstrapServers,
        ClientId = clientId,
        Partitioner = Partitioner.Murmur2Random,
        EnableIdempotence = true,
        Acks = Acks.All,
        MessageTimeoutMs = 10_000,
    };

    /// <param name="clientLog">Where librdkafka's log lines go (see <c>KafkaClientOptions.ClientLog</c>); null = stderr.</param>
    public static IProducer<string, byte[]> Build(ProducerConfig config, Action<LogMessage>? clientLog)
    {
        // This may be the process's first Confluent call: bind the packaged librdkafka before it (see LibrdkafkaLoader).
        LibrdkafkaLoader.EnsureLoaded();
        var builder = new ProducerBuilder<string, byte[]>(config);
        return (clientLog is null ? builder : builder.SetLogHandler((_, message) => clientLog(message))).Build();
    }
}
