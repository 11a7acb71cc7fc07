using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Processors.Tests.Lifecycle;

public sealed class ModelRecordSerdeTests
{
    private static readonly SerdeContext Ctx = new("reco-models", IsKey: false);
    private static readonly ModelRecordSerde Serde = new();

    private static ModelVersion Version(string id, bool full) => new(
        id,
        "ease",
        full ? ModelStatus.Rejected : ModelStatus.Training,
        1_700_000_000_000,
        full ? new ModelLineage(1, 2, 3, 4, "1.0+abc", new Dictionary<string, string> { ["lambda"] = "500", ["topK"] = "50" }, "v-old") : null,
        full ? new ModelEvaluation(new HoldoutMetrics(10, 0.1, 0.05, 0.3), new HoldoutMetrics(10, 0.2, 0.1, 0.4), new MetricDifference(-0.1, 0.01, -0.12, -0.08)) : null,
        full ? new GateDecision(false, "worse") : null,
        full ? null : "boom")
    {
        ArtefactItems = full ? 7 : 0,
    };

    [Fact]
    public void Manifests_neighbour_lists_and_activations_round_trip()
    {
        foreach (var full in new[] { true, false })
        {
            var version = Version("v1", full);
            var back = Assert.IsType<ModelManifestRecord>(Serde.Deserialize(Serde.Serialize(new ModelManifestRecord(version), Ctx), Ctx)).Version;
            Assert.Equal(version with { Lineage = null }, back with { Lineage = null });
            Assert.Equal(version.ArtefactItems, back.ArtefactItems);
            Assert.Equal(version.Lineage?.Parameters.OrderBy(p => p.Key), back.Lineage?.Parameters.OrderBy(p => p.Key));
            Assert.Equal(version.Lineage?.ChampionId, back.Lineage?.ChampionId);
        }

        var activation = new ModelActivationRecord(new ModelActivation("v1", 5, "ops", "rollback", Override: true));
        Assert.Equal(activation, Serde.Deserialize(Serde.Serialize(activation, Ctx), Ctx));
    }

    [Fact]
    public void Neighbour_lists_round_trip_for_any_ids_and_scores()
    {
        var ids = Gen.Elements("a", "item-42", "ü-ñ", "", "x/y");
        var lists =
            from item in ids
            from neighbours in Gen.ListOf(
                from id in ids
                from score in Gen.Choose(-100_000, 100_000).Select(i => i / 8.0)
                select new Neighbour(id, score, 0))
            select new ModelNeighboursRecord("v1", item, [.. neighbours]);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(lists.ToArbitrary(), record =>
        {
            var back = (ModelNeighboursRecord)Serde.Deserialize(Serde.Serialize(record, Ctx), Ctx);
            return back.ItemId == record.ItemId && back.Neighbours.SequenceEqual(record.Neighbours);
        }));
    }

    [Fact]
    public void Unknown_kinds_and_truncated_bytes_are_rejected()
    {
        var bytes = Serde.Serialize(new ModelManifestRecord(Version("v1", full: true)), Ctx);

        Assert.Throws<SerializationException>(() => Serde.Deserialize([bytes[0], 9, .. bytes[2..]], Ctx));
        Assert.Throws<SerializationException>(() => Serde.Deserialize(bytes[..^3], Ctx));
        Assert.Throws<SerializationException>(() => Serde.Deserialize([.. bytes, 0], Ctx));

        // A list that claims far more neighbours than its bytes could hold fails before allocating them.
        Assert.Throws<SerializationException>(() => Serde.Deserialize([1, 2, 2, (byte)'v', (byte)'1', 1, (byte)'a', 0xFF, 0xFF, 0xFF, 0xFF, 0x07], Ctx));
    }

    [Theory]
    [InlineData("v20261206-161233-9cdb1d", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("../x", false)]
    public void Version_ids_never_contain_a_key_separator(string id, bool valid) =>
        Assert.Equal(valid, ModelRecordKeys.IsValidVersionId(id));
}
