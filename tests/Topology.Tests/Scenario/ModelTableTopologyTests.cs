using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology.Tests.Support;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.Topology.Tests.Scenario;

/// <summary>The models global table: an activation relists every user with the version's trained neighbours.</summary>
public sealed class ModelTableTopologyTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    [Fact]
    public async Task Activating_a_version_relists_every_user_with_its_neighbours_and_names_it_and_a_rollback_undoes_it()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();
        reco.Send(AliceEvents);
        reco.Tick();
        var before = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        Assert.Null(before.ModelVersion);
        Assert.NotEqual("c3", before.Items[0].ItemId);

        // A version whose only knowledge is "after d1 comes c3", far above any co-visitation similarity.
        var models = reco.Driver.CreateInputTopic(reco.Reco.Topics.Models, Serdes.String, new ModelRecordSerde());
        var at = reco.Driver.WallClockMs;
        models.PipeInput(ModelRecordKeys.Neighbours("v1", "d1"), new ModelNeighboursRecord("v1", "d1", [new Neighbour("c3", 0.9, 0)]), at);
        models.PipeInput(ModelRecordKeys.Active, new ModelActivationRecord(new ModelActivation("v1", at, "ops", "test", Override: false)), at);
        reco.Tick();

        var relisted = reco.ReadRecommendations();
        var alice = relisted.Last(r => r.UserId == Alice);
        Assert.Equal("v1", alice.ModelVersion);
        Assert.Equal("c3", alice.Items[0].ItemId);
        Assert.Equal("v1", reco.Reco.ActiveModel.VersionId);

        // Every user was relisted, not only those with new events: their lists now name the version.
        Assert.All(relisted.GroupBy(r => r.UserId), g => Assert.Equal("v1", g.Last().ModelVersion));
        Assert.True(relisted.Select(r => r.UserId).Distinct().Count() > 1);

        // A rollback to no trained model (the activation's tombstone) brings the streaming list back.
        models.PipeInput(ModelRecordKeys.Active, null!, reco.Driver.WallClockMs);
        reco.Tick();
        var back = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        Assert.Null(back.ModelVersion);
        Assert.Equal(before.Items.Select(i => i.ItemId), back.Items.Select(i => i.ItemId));
    }
}
