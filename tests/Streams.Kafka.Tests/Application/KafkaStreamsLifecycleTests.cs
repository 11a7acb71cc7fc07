using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

public sealed class KafkaStreamsLifecycleTests
{
    private const int Partitions = 4;

    [Fact]
    public void Counts_every_input_record_once_and_reaches_running_then_not_running()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(CountingTopology.Input, Partitions);
        cluster.CreateTopic(CountingTopology.Trace, Partitions);
        ProduceKeyed(cluster, CountingTopology.Input, Partitions, count: 200, keys: 10);

        using var app = new KafkaStreams(CountingTopology.Build(), Options(cluster, TempDirectory()), new MockTopicAdmin(cluster)) { Log = _ => { } };
        var states = RecordStates(app);
        app.Start();
        WaitForState(app, KafkaStreamsState.Running);
        WaitFor(() => ReadTrace(cluster, Partitions).Count >= 200, "200 trace records");

        var stores = app.Stores<IReadOnlyKeyValueStore<string, long>>(CountingTopology.Store);
        Assert.Equal(Partitions, stores.Count);
        Assert.Equal(200, stores.Values.Sum(s => Enumerate(s).Sum(e => e.Value)));
        Assert.True(app.Close(TimeSpan.FromSeconds(20)));

        var trace = ReadTrace(cluster, Partitions);
        Assert.Equal(200, trace.Count);
        Assert.Equal(200, trace.Select(t => (t.Partition, t.Offset)).Distinct().Count());
        var reached = states.Select(s => s.To).ToList();
        Assert.Equal(KafkaStreamsState.Rebalancing, reached[0]);
        Assert.Contains(KafkaStreamsState.Running, reached);
        Assert.Equal([KafkaStreamsState.PendingShutdown, KafkaStreamsState.NotRunning], reached[^2..]);
    }

    private static List<KeyValuePair<string, long>> Enumerate(IReadOnlyKeyValueStore<string, long> store)
    {
        var all = new List<KeyValuePair<string, long>>();
        using var iterator = store.All();
        while (iterator.MoveNext())
        {
            all.Add(iterator.Current);
        }

        return all;
    }
}
