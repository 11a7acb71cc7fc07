using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Ingestion;

/// <summary>
/// Asks the cluster for its metadata before a loader sends anything: librdkafka retries an unreachable
/// bootstrap server for as long as a message may wait (minutes), so a typo would otherwise look like a hang.
/// </summary>
public static class BrokerReachability
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="KafkaException">No broker answered within <paramref name="timeout"/>; the message says which servers were tried.</exception>
    public static void EnsureReachable(string bootstrapServers, TimeSpan timeout)
    {
        // This may be the process's first Confluent call: bind the packaged librdkafka before it (see LibrdkafkaLoader).
        LibrdkafkaLoader.EnsureLoaded();
        var config = new AdminClientConfig { BootstrapServers = bootstrapServers, ClientId = "recostreams-loader-check" };
        // The connection errors are the expected outcome here: summarised below, not printed raw to stderr.
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        try
        {
            if (admin.GetMetadata(timeout).Brokers.Count == 0)
            {
                throw Unreachable(bootstrapServers, timeout, "the cluster named no brokers");
            }
        }
        catch (KafkaException e) when (e.Error.Code != ErrorCode.Local_Fatal)
        {
            throw Unreachable(bootstrapServers, timeout, e.Error.Reason);
        }
    }

    private static KafkaException Unreachable(string servers, TimeSpan timeout, string reason) =>
        new(new Error(ErrorCode.Local_Transport, $"no Kafka broker at {servers} answered within {timeout.TotalSeconds:0} s ({reason}). Is the cluster (or `run`) up, and is --bootstrap-servers right?"));
}
