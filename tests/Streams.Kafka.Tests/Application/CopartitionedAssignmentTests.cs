using System.Text;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

/// <summary>
/// A subtopology that reads two topics needs partition N of both on the same instance (one task per
/// partition number); cooperative-sticky balances partitions one by one and can split them.
/// </summary>
public sealed class CopartitionedAssignmentTests
{
    private const int Partitions = 4;
    private const string Left = "left";
    private const string Right = "right";
    private const string Trace = "trace";

    [Fact]
    public void Two_instances_process_partition_n_of_both_source_topics_on_the_same_instance()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Left, Partitions);
        cluster.CreateTopic(Right, Partitions);
        cluster.CreateTopic(Trace, 1);

        using var first = Start(cluster, Build("first"), Options(cluster, TempDirectory()));
        WaitFor(() => first.LocalTasks.Count == Partitions, "the first instance to own every task");
        using var second = Start(cluster, Build("second"), Options(cluster, TempDirectory()));
        WaitFor(
            () => second.LocalTasks.Count > 0 && first.LocalTasks.Count + second.LocalTasks.Count == Partitions,
            "both instances to share the tasks");
        Assert.Empty(first.LocalTasks.Intersect(second.LocalTasks));

        var records = Enumerable.Range(0, Partitions)
            .SelectMany(p => new[] { (Topic: Left, Partition: p), (Topic: Right, Partition: p) })
            .ToList();
        foreach (var (topic, partition) in records)
        {
            TopicIo.Produce(cluster, topic, [(partition, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("v"))]);
        }

        WaitFor(() => TopicIo.ReadAll(cluster, Trace, 1).Count >= records.Count, "every record to be processed");
        var processedBy = TopicIo.ReadAll(cluster, Trace, 1)
            .Select(r => Encoding.UTF8.GetString(r.Message.Value!).Split('|'))
            .GroupBy(parts => int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Select(parts => (Instance: parts[0], Topic: parts[1])).ToList());

        Assert.Equal(Partitions, processedBy.Count);
        foreach (var (partition, processed) in processedBy)
        {
            Assert.Single(processed.Select(p => p.Instance).Distinct());
            Assert.Equal([Left, Right], processed.Select(p => p.Topic).Order(StringComparer.Ordinal));
        }

        Assert.True(second.Close(TimeSpan.FromSeconds(20)));
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_revocation_whose_commit_the_coordinator_rejects_closes_the_tasks_as_lost_and_their_records_are_replayed()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(Left, Partitions);
        cluster.CreateTopic(Right, Partitions);
        cluster.CreateTopic(Trace, 1);
        var log = new List<string>();
        // Nothing is committed before the rebalance: the revocation has to commit everything, and the mock
        // coordinator rejects commits while the group prepares a rebalance (REBALANCE_IN_PROGRESS).
        var neverCommits = TimeSpan.FromHours(1);

        using var first = Start(cluster, Build("first"), Options(cluster, TempDirectory(), commitInterval: neverCommits), log);
        WaitFor(() => first.State == KafkaStreamsState.Running && first.LocalTasks.Count == Partitions, "the first instance to own every task");
        ProduceOnePerPartition(cluster);
        WaitFor(() => TopicIo.ReadAll(cluster, Trace, 1).Count >= 2 * Partitions, "the first batch to be processed");

        using var second = Start(cluster, Build("second"), Options(cluster, TempDirectory(), commitInterval: neverCommits), log);
        WaitFor(
            () => first.State == KafkaStreamsState.Running && second.State == KafkaStreamsState.Running && second.LocalTasks.Count > 0
                && first.LocalTasks.Count + second.LocalTasks.Count == Partitions,
            $"both instances to run and share the tasks (first {first.State} {first.Failure?.Message})");
        ProduceOnePerPartition(cluster);

        // At-least-once: every record of both batches is processed, those of moved partitions possibly twice.
        WaitFor(
            () => Processed(cluster).Distinct().Count() == 4 * Partitions,
            "every record to be processed: " + string.Join("\n", Processed(cluster)));
        lock (log)
        {
            Assert.Contains(log, line => line.Contains("without a commit", StringComparison.Ordinal));
        }

        Assert.Null(first.Failure);
        Assert.True(second.Close(TimeSpan.FromSeconds(20)));
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));
    }

    private static void ProduceOnePerPartition(MockCluster cluster)
    {
        foreach (var topic in new[] { Left, Right })
        {
            TopicIo.Produce(cluster, topic, [.. Enumerable.Range(0, Partitions).Select(p => (p, (byte[]?)Encoding.UTF8.GetBytes("k"), (byte[]?)Encoding.UTF8.GetBytes("v")))]);
        }
    }

    /// <summary>"topic|partition|offset" of every processed record, repeats included.</summary>
    private static List<string> Processed(MockCluster cluster) =>
        [.. TopicIo.ReadAll(cluster, Trace, 1).Select(r => string.Join('|', Encoding.UTF8.GetString(r.Message.Value!).Split('|').Skip(1)))];

    private static Topology Build(string instance) =>
        new Topology()
            .AddSource("source", [Left, Right], Serdes.String, Serdes.String)
            .AddProcessor<string, string, string, string>("label", () => new LabelProcessor(instance), "source")
            .AddSink("sink", Trace, Serdes.String, Serdes.String, "label");

    /// <summary>Forwards "instance|topic|partition|offset" for every record it sees.</summary>
    private sealed class LabelProcessor(string instance) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            var source = _context!.RecordMetadata!;
            _context.Forward(record.WithValue($"{instance}|{source.Topic}|{source.Partition}|{source.Offset}"));
        }

        public void Close()
        {
        }
    }
}
