using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.Mirror.Tests;

/// <summary>
/// Two mirror consumers in the mirror's group on librdkafka's mock cluster, the second joining while lists flow:
/// the way a second instance starts. The mock's coordinator waits session.timeout.ms - 1 s for members in every
/// rebalance (44 s with librdkafka's default), so the host's consumer properties must reach the mirror's consumer.
/// </summary>
public sealed class MirrorRebalanceTests
{
    private const string App = "mirror-rebalance-test";

    // Well above a rebalance at the session timeout below, well below one at librdkafka's default (45 s).
    private static readonly TimeSpan CatchUpDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_second_consumer_joining_while_lists_flow_leaves_every_list_mirrored_at_least_once_within_the_deadline()
    {
        using var cluster = new MockCluster();
        MirroredTopics.Create(cluster, App, partitions: 4);
        var cancel = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        var options = new MirrorOptions
        {
            // What the end-to-end tests and an operator set in the host's Kafka:Consumer section.
            ConsumerOverrides = new Dictionary<string, string> { ["session.timeout.ms"] = "3500", ["heartbeat.interval.ms"] = "300" },
        };
        using var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var produced = new List<string>();
        async Task ProduceLists(int count)
        {
            var records = new List<(string, string, byte[]?)>();
            foreach (var user in Enumerable.Range(produced.Count, count).Select(i => $"user-{i}"))
            {
                records.Add((RecoTopics.RecommendationUpdated, user, await MirroredTopics.ListAsync(registry, user, DateTimeOffset.UtcNow, ["i1"], cancel)));
            }

            MirroredTopics.Produce(producer, records);
            produced.AddRange(records.Select(r => r.Item2));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var byFirst = new ConcurrentDictionary<string, bool>();
        var bySecond = new ConcurrentDictionary<string, bool>();
        bool Mirrored(string user) => byFirst.ContainsKey(user) || bySecond.ContainsKey(user);
        using var first = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, NullLogger<KafkaSinkSource>.Instance);
        KafkaSinkSource? second = null;
        var pumps = new List<Task> { Pump(first, byFirst, stop.Token) };
        try
        {
            await ProduceLists(20);
            await WaitUntilAsync(() => produced.All(Mirrored), TimeSpan.FromSeconds(60), () => $"the first consumer's lists ({byFirst.Count} of {produced.Count})");

            // It joins the group (subscribes) on construction: a second instance starting.
            var joined = System.Diagnostics.Stopwatch.StartNew();
            second = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, NullLogger<KafkaSinkSource>.Instance);
            pumps.Add(Pump(second, bySecond, stop.Token));
            for (var round = 0; round < 10; round++)
            {
                await ProduceLists(20);
                await Task.Delay(200, cancel);
            }

            await WaitUntilAsync(
                () => produced.All(Mirrored) && !bySecond.IsEmpty,
                CatchUpDeadline,
                () => $"every list mirrored, some by the second consumer ({produced.Count(Mirrored)} of {produced.Count}; by the second: {bySecond.Count})");
            output.WriteLine($"second consumer started to all {produced.Count} lists mirrored: {joined.Elapsed.TotalSeconds:F1} s; by the first {byFirst.Count}, by the second {bySecond.Count}");
        }
        finally
        {
            // A source must not be disposed under a running batch.
            await stop.CancelAsync();
            await Task.WhenAll(pumps);
            second?.Dispose();
        }
    }

    [Fact]
    public async Task A_batch_collected_across_a_revocation_holds_nothing_read_before_it_so_it_cannot_overwrite_the_new_owners_rows()
    {
        using var cluster = new MockCluster();
        MirroredTopics.Create(cluster, App, partitions: 4);
        var cancel = TestContext.Current.CancellationToken;
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancel);
        using (var producer = new ProducerBuilder<byte[], byte[]?>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var records = new List<(string, string, byte[]?)>();
            foreach (var user in Enumerable.Range(0, 40).Select(i => $"user-{i}"))
            {
                records.Add((RecoTopics.RecommendationUpdated, user, await MirroredTopics.ListAsync(registry, user, DateTimeOffset.UtcNow, ["i1"], cancel)));
            }

            MirroredTopics.Produce(producer, records);
        }

        var logs = new CapturingLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        var overrides = new Dictionary<string, string> { ["session.timeout.ms"] = "3500", ["heartbeat.interval.ms"] = "300" };
        // One long batch, so the second consumer joins while the first is still collecting it.
        var options = new MirrorOptions { ConsumerOverrides = overrides, MaxBatchDelay = TimeSpan.FromSeconds(15) };
        using var first = new KafkaSinkSource(cluster.BootstrapServers, App, registry, options, loggers.CreateLogger<KafkaSinkSource>());
        var firstBatch = first.NextBatchAsync(cancel);
        await WaitUntilAsync(() => logs.Entries.Any(e => e.Message.Contains(" assigned ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => "the first consumer's assignment");
        // Reading 40 records from the mock takes milliseconds; this lets the batch hold all four partitions' lists.
        await Task.Delay(1000, cancel);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var second = new KafkaSinkSource(cluster.BootstrapServers, App, registry, new MirrorOptions { ConsumerOverrides = overrides }, NullLogger<KafkaSinkSource>.Instance);
        var secondPartitions = new ConcurrentDictionary<int, bool>();
        var secondPump = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = await second.NextBatchAsync(CancellationToken.None);
                foreach (var position in batch.Positions.Where(p => p.Topic == RecoTopics.RecommendationUpdated))
                {
                    secondPartitions[position.Partition] = true;
                }
            }
        }, CancellationToken.None);
        SinkBatch collected;
        try
        {
            collected = await firstBatch;
            await WaitUntilAsync(() => !secondPartitions.IsEmpty, TimeSpan.FromSeconds(30), () => "the second consumer's lists");
        }
        finally
        {
            await stop.CancelAsync();
            await secondPump;
        }

        Assert.Contains(logs.Entries, e => e.Message.Contains(" revoked ", StringComparison.Ordinal));
        var firstPartitions = collected.Positions.Where(p => p.Topic == RecoTopics.RecommendationUpdated).Select(p => p.Partition).ToList();
        Assert.Empty(firstPartitions.Intersect(secondPartitions.Keys));
    }

    /// <summary>What the sink worker does, without Postgres: takes batches and acknowledges them, noting the users whose lists it read.</summary>
    private static Task Pump(KafkaSinkSource source, ConcurrentDictionary<string, bool> mirrored, CancellationToken stop) => Task.Run(async () =>
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = await source.NextBatchAsync(stop);
                foreach (var row in batch.Recommendations)
                {
                    mirrored[row.UserId] = true;
                }

                await source.AcknowledgeAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped between batches.
        }
    });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan deadline, Func<string> what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out after {deadline.TotalSeconds} s waiting for {what()}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
