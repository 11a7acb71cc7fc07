using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Streams.State;
using RecoStreams.Topology.Tests.Support;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.Topology.Tests.Scenario;

/// <summary>
/// The by-item task keeps item counts decoded between publications; which counts it keeps must not change what
/// it publishes. A table of one count starts over on almost every read, so it reads nearly everything from the store.
/// </summary>
public sealed class ItemCountsTopologyTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    [Fact]
    public async Task Published_item_stats_and_lists_are_the_same_whether_one_or_every_item_count_is_kept_decoded()
    {
        var (oneStats, oneLists) = await RunAsync(new CoVisitationOptions { DecodedCountCapacity = 1 });
        var (allStats, allLists) = await RunAsync(new CoVisitationOptions());

        Assert.Contains(allStats, s => s.Contains("neighbours d", StringComparison.Ordinal));
        Assert.Equal(allStats, oneStats);
        Assert.NotEmpty(allLists);
        Assert.Equal(allLists, oneLists);
    }

    private static async Task<(List<string> Stats, List<string> Lists)> RunAsync(CoVisitationOptions coVisitation)
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now, coVisitation);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();
        reco.Send(AliceEvents);
        reco.Tick();
        reco.Send([View(Alice, "d2", 20), View("carol", "d1", 21), View("carol", "c2", 22), View(Bob, "c1", 23)]);
        reco.Tick();

        var table = reco.Driver.GetKeyValueStore<string, ItemStats>(RecoStoreNames.ItemStats);
        var stats = Catalog.Select(item => table.Get(item.ItemId)).OfType<ItemStats>().Select(Describe).ToList();
        var lists = reco.ReadRecommendations()
            .Select(r => r.UserId + ": " + string.Join(", ", r.Items.Select(i => i.ItemId + " " + i.Score.ToString("R", CultureInfo.InvariantCulture))))
            .ToList();
        return (stats, lists);
    }

    private static string Describe(ItemStats stats) => string.Create(
        CultureInfo.InvariantCulture,
        $"{stats.ItemId} count {stats.DecayedCount:R} neighbours {string.Join(", ", stats.Neighbours.Select(n => $"{n.ItemId} {n.Similarity:R} {n.CoCount:R}"))}");
}
