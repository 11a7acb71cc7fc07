using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using RecoStreams.Streams.Kafka.Consuming;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Consuming;

/// <summary>
/// <see cref="TopicReadToEnd"/> against a real broker (any Apache Kafka from 2.4), whose transactions leave
/// commit and abort markers, hide aborted records from read_committed consumers and hold the last stable offset
/// below an open transaction. Set RECOSTREAMS_TEST_BOOTSTRAP=host:port to run it; topic and transactional ids are unique
/// per run, so a broker used before is fine.
/// </summary>
public sealed class TopicReadToEndOnBrokerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Read_committed_returns_exactly_the_committed_records_and_ends_past_markers_and_an_open_transaction()
    {
        var bootstrap = Environment.GetEnvironmentVariable("RECOSTREAMS_TEST_BOOTSTRAP");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            Assert.Skip("needs a real Kafka broker in RECOSTREAMS_TEST_BOOTSTRAP: librdkafka's mock cluster sends no aborted-transaction " +
                "list and keeps no last stable offset below an open transaction, so read_committed there returns aborted and open records.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var topic = "read-to-end-" + run;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 2, ReplicationFactor = 1 }]);
        }

        // Partition 0 ends with a commit marker, partition 1 with an abort marker after the aborted records.
        using var writer = Transactional(bootstrap, "read-to-end-writer-" + run);
        Transaction(writer, topic, commit: true, ("c0", 0), ("c1", 1), ("c2", 0), ("c3", 1));
        Transaction(writer, topic, commit: false, ("a0", 0), ("a1", 1), ("a2", 1));
        Transaction(writer, topic, commit: true, ("c4", 0));
        Transaction(writer, topic, commit: false, ("a3", 1));

        // A second producer's transaction stays open while the topic is read: its records lie below the high
        // watermark but above the last stable offset.
        using var open = Transactional(bootstrap, "read-to-end-open-" + run);
        open.BeginTransaction();
        open.Produce(new TopicPartition(topic, 0), Message("o0"));
        open.Produce(new TopicPartition(topic, 1), Message("o1"));
        Assert.Equal(0, open.Flush(Timeout));
        try
        {
            var committed = Read(bootstrap, topic, run, IsolationLevel.ReadCommitted);
            var committedViaTopic = new List<string>();
            TopicReadToEnd.Read<byte[]?>(bootstrap, "read-to-end-" + run, topic, Timeout, r => committedViaTopic.Add(Value(r)), TestContext.Current.CancellationToken);
            var all = Read(bootstrap, topic, run, IsolationLevel.ReadUncommitted);

            Assert.Equal(["c0", "c1", "c2", "c3", "c4"], committed.Order());
            Assert.Equal(["c0", "c1", "c2", "c3", "c4"], committedViaTopic.Order());
            Assert.Equal(["a0", "a1", "a2", "a3", "c0", "c1", "c2", "c3", "c4", "o0", "o1"], all.Order());
        }
        finally
        {
            open.AbortTransaction(Timeout);
        }
    }

    private static List<string> Read(string bootstrap, string topic, string run, IsolationLevel isolation)
    {
        var values = new List<string>();
        TopicReadToEnd.Read<byte[]?>(
            bootstrap,
            "read-to-end-" + run,
            [new(topic, 0, Offset.Beginning), new(topic, 1, Offset.Beginning)],
            isolation,
            Timeout,
            r => values.Add(Value(r)),
            TestContext.Current.CancellationToken);
        return values;
    }

    private static string Value(ConsumeResult<byte[]?, byte[]?> result) => Encoding.UTF8.GetString(result.Message.Value!);

    private static IProducer<byte[]?, byte[]?> Transactional(string bootstrap, string transactionalId)
    {
        var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrap, TransactionalId = transactionalId }).Build();
        producer.InitTransactions(Timeout);
        return producer;
    }

    private static void Transaction(IProducer<byte[]?, byte[]?> producer, string topic, bool commit, params (string Value, int Partition)[] records)
    {
        producer.BeginTransaction();
        foreach (var (value, partition) in records)
        {
            producer.Produce(new TopicPartition(topic, partition), Message(value));
        }

        if (commit)
        {
            producer.CommitTransaction(Timeout);
        }
        else
        {
            // Flushed first: an abort drops unsent records, and the aborted records must be in the log.
            Assert.Equal(0, producer.Flush(Timeout));
            producer.AbortTransaction(Timeout);
        }
    }

    private static Message<byte[]?, byte[]?> Message(string value) => new() { Key = Encoding.UTF8.GetBytes(value), Value = Encoding.UTF8.GetBytes(value) };
}
