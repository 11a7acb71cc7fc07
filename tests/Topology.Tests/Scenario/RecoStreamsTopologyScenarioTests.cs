using RecoStreams.Avro.Contracts;
using RecoStreams.Topology.Tests.Support;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.Topology.Tests.Scenario;

/// <summary>The hand-checked scenario through the whole topology, once per store kind.</summary>
public sealed class RecoStreamsTopologyScenarioTests
{
    public static TheoryData<StateStoreKind> StoreKinds => [StateStoreKind.InMemory, StateStoreKind.RocksDb];

    private static readonly DateTimeOffset Now = T0.AddHours(1);

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Recommends_co_visited_dramas_to_alice_excluding_what_she_watched_with_explanations(StateStoreKind stores)
    {
        using var reco = await RecoDriver.StartAsync(stores, Now);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();
        reco.ReadRecommendations();

        reco.Send(AliceEvents);
        reco.Tick();

        var alice = reco.ReadRecommendations().Where(r => r.UserId == Alice).ToList();
        var latest = Assert.Single(alice);
        var ids = latest.Items.Select(i => i.ItemId).ToList();
        Assert.DoesNotContain("d1", ids);
        Assert.Equal(["d2", "d3"], ids.Take(2).Order(StringComparer.Ordinal));
        Assert.All(latest.Items.Take(2), i => Assert.Equal("because you viewed Title d1", i.Explanation));
        Assert.All(latest.Items.Take(2), i => Assert.Equal(CandidateSource.Cf, i.Source));
        Assert.All(ids.Skip(2), id => Assert.Contains(id, Comedies));
        Assert.All(latest.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Explanation)));
        Assert.Equal(Enumerable.Range(1, latest.Items.Count), latest.Items.Select(i => i.Rank));
        Assert.Equal(latest.Items.Select(i => i.Score).OrderDescending(), latest.Items.Select(i => i.Score));
    }
}
