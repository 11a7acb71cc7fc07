using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Discovery;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Discovery;

/// <summary>Instances with an application.server learn, through the instances topic, which of them hosts each task.</summary>
public sealed class InstanceDiscoveryTests
{
    private const int Partitions = 4;

    [Fact]
    public void Every_instance_names_the_same_host_for_every_partition_across_a_rebalance()
    {
        using var cluster = NewCluster();
        using var first = Start(cluster, CountingTopology.Build(), WithServer(Options(cluster, TempDirectory()), "first:1"));
        WaitFor(() => first.State == KafkaStreamsState.Running && first.LocalTasks.Count == Partitions, "the first instance to own every task");
        Assert.All(Metadata(first), m => Assert.True(m.IsLocal && m.ActiveHost == "first:1", $"{m.Task} should be local to first:1"));

        using var second = Start(cluster, CountingTopology.Build(), WithServer(Options(cluster, TempDirectory()), "second:2"));
        WaitFor(
            () => first.State == KafkaStreamsState.Running && second.State == KafkaStreamsState.Running && second.LocalTasks.Count > 0
                && AgreeWithOwnership(first, second),
            "both instances to share the tasks and agree on every task's host");
        Assert.Equal(["first:1", "second:2"], first.Instances.Select(i => i.Endpoint));
        Assert.All(second.Instances, i => Assert.Equal(KafkaStreamsState.Running, i.State));

        Assert.True(second.Close(TimeSpan.FromSeconds(20)));
        // The expiry is a minute: only second's tombstone can make first forget it this soon.
        WaitFor(() => first.Instances.Select(i => i.Endpoint).SequenceEqual(["first:1"]), "first to see second's tombstone", TimeSpan.FromSeconds(10));
        WaitFor(
            () => first.State == KafkaStreamsState.Running && Metadata(first).All(m => m.IsLocal && m.ActiveHost == "first:1"),
            "first to host every task again");
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_crashed_instance_is_forgotten_once_its_advertisement_expires()
    {
        using var cluster = NewCluster();
        using var first = Start(cluster, CountingTopology.Build(), WithServer(Options(cluster, TempDirectory()), "first:1", expiry: TimeSpan.FromSeconds(3)));
        var second = Start(cluster, CountingTopology.Build(), WithServer(Options(cluster, TempDirectory()), "second:2", expiry: TimeSpan.FromSeconds(3)));
        WaitFor(() => first.Instances.Count == 2, "first to see second");

        second.Dispose();
        WaitFor(() => first.Instances.Select(i => i.Endpoint).SequenceEqual(["first:1"]), "second's advertisement to expire");
        Assert.True(first.Close(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Without_an_application_server_nothing_is_advertised_and_only_local_tasks_are_known()
    {
        using var cluster = NewCluster();
        using var app = Start(cluster, CountingTopology.Build(), Options(cluster, TempDirectory()));
        WaitFor(() => app.State == KafkaStreamsState.Running && app.LocalTasks.Count == Partitions, "the instance to own every task");

        Assert.Empty(app.Instances);
        Assert.All(Metadata(app), m => Assert.True(m.IsLocal && m.ActiveHost is null));
        Assert.True(app.Close(TimeSpan.FromSeconds(20)));
    }

    private static MockCluster NewCluster()
    {
        var cluster = new MockCluster();
        cluster.CreateTopic(CountingTopology.Input, Partitions);
        cluster.CreateTopic(CountingTopology.Trace, 1);
        return cluster;
    }

    private static StreamsOptions WithServer(StreamsOptions options, string endpoint, TimeSpan? expiry = null) => new()
    {
        ApplicationId = options.ApplicationId,
        BootstrapServers = options.BootstrapServers,
        StateDirectory = options.StateDirectory,
        CommitInterval = options.CommitInterval,
        PollTimeout = options.PollTimeout,
        ApplicationServer = endpoint,
        InstanceHeartbeatInterval = TimeSpan.FromMilliseconds(500),
        InstanceExpiry = expiry ?? TimeSpan.FromMinutes(1),
    };

    private static List<KeyQueryMetadata> Metadata(KafkaStreams app) =>
        [.. Enumerable.Range(0, Partitions).Select(p => app.QueryMetadataForPartition(CountingTopology.Store, p))];

    /// <summary>Both name, for every task, the instance that actually hosts it.</summary>
    private static bool AgreeWithOwnership(KafkaStreams first, KafkaStreams second)
    {
        var owners = first.LocalTasks.ToDictionary(t => t.Partition, _ => "first:1");
        foreach (var task in second.LocalTasks)
        {
            owners[task.Partition] = "second:2";
        }

        return owners.Count == Partitions
            && Metadata(first).Concat(Metadata(second)).All(m => m.ActiveHost == owners[m.Task.Partition]);
    }
}
