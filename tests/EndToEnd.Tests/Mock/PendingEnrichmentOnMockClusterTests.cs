using System.Diagnostics;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Topology;
using Xunit;
using static RecoStreams.EndToEnd.Tests.Mock.RecoOnMockCluster;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// Events can arrive before their catalog item (the topics race). They wait in pending enrichment and are
/// applied within about a second of the item reaching the catalog global table, over the real transport.
/// </summary>
public sealed class PendingEnrichmentOnMockClusterTests
{
    private const int EventCount = 200;

    [Fact]
    public async Task Events_that_arrive_before_their_item_are_applied_within_seconds_of_the_item_arriving()
    {
        var output = TestContext.Current.TestOutputHelper!;
        using var reco = await CreateAsync("reco-pending", commitInterval: TimeSpan.FromSeconds(30));
        var counters = reco.Reco.Counters;
        reco.App.Start();
        WaitFor(() => reco.App.State == KafkaStreamsState.Running, () => $"state Running (now {reco.App.State})");
        using var producer = reco.Producer();
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        for (var i = 0; i < EventCount; i++)
        {
            producer.Produce(RecoTopics.EngagementEvents, reco.EventMessage(View($"user-{i % 20}", Catalog[i % Catalog.Count].ItemId, start.AddMilliseconds(i))));
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        WaitFor(() => counters.PendingHeld >= EventCount, () => $"every event parked (now {counters.PendingHeld})");
        Assert.Equal(0, counters.EventsApplied);

        foreach (var item in Catalog)
        {
            producer.Produce(RecoTopics.CatalogItems, reco.CatalogMessage(item));
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        var sinceCatalog = Stopwatch.StartNew();
        WaitFor(() => counters.EventsApplied >= EventCount, () => $"every parked event applied (now {counters.EventsApplied})");
        output.WriteLine($"{EventCount} parked events applied {sinceCatalog.Elapsed.TotalMilliseconds:F0} ms after their items were produced");
        Assert.InRange(sinceCatalog.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(EventCount, counters.EventsApplied);
    }
}
