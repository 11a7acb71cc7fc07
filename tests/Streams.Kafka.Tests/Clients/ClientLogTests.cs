using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Clients;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Clients;

public sealed class ClientLogTests
{
    [Fact]
    public void Librdkafka_log_lines_go_to_the_configured_client_log_not_to_stderr()
    {
        var lines = new ConcurrentQueue<LogMessage>();
        var options = new KafkaClientOptions { BootstrapServers = "127.0.0.1:1", ApplicationId = "client-log-test", ClientLog = lines.Enqueue };
        using var admin = new KafkaTopicAdmin(options, TimeSpan.FromSeconds(1));

        Assert.ThrowsAny<Exception>(() => admin.PartitionCounts(["any"]));
        var clock = Stopwatch.StartNew();
        while (lines.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        // The refused connection is reported through the handler, with librdkafka's level and facility.
        Assert.Contains(lines, l => l.Message.Contains("127.0.0.1:1", StringComparison.Ordinal) && l.Level <= SyslogLevel.Warning);
    }
}
