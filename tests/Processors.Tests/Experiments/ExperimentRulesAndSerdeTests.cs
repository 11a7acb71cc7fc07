using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class ExperimentRulesAndSerdeTests
{
    private static readonly SerdeContext Ctx = new("reco-experiments", IsKey: false);

    private static readonly Experiment Valid = new(
        "ab-1",
        "more diversity",
        [
            new ExperimentVariant("control", 1, true, null, null),
            new ExperimentVariant("diverse", 1, false, new VariantRecommenderSettings(0.5, 1, null, new BlendWeights(0.5, 0.3, 0.2)), "model-7"),
        ],
        new ExperimentTargeting(0.5, ["u1"]),
        1_000,
        2_000,
        900);

    [Fact]
    public void A_valid_definition_has_no_problems() => Assert.Empty(ExperimentRules.Check(Valid));

    [Fact]
    public void Each_problem_names_its_field()
    {
        var invalid = Valid with
        {
            Id = "bad id/",
            Variants = [new ExperimentVariant("x", -1, false, new VariantRecommenderSettings(2, 0, null, null), null)],
            Targeting = new ExperimentTargeting(0, []),
            EndsAtMs = 500,
        };

        var fields = ExperimentRules.Check(invalid).Select(p => p.Field).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "id", "variants", "variants[0].weight", "variants[0].recommender.mmr_lambda", "variants[0].recommender.max_per_creator", "traffic_fraction", "ends_at" },
            fields);
    }

    [Fact]
    public void Experiment_round_trips_through_its_serde()
    {
        var serde = new ExperimentSerde();

        var back = serde.Deserialize(serde.Serialize(Valid with { StoppedAtMs = 1_500 }, Ctx), Ctx);

        Assert.Equal(Valid.Id, back.Id);
        Assert.Equal(Valid.Variants, back.Variants);
        Assert.Equal(Valid.Targeting.UserIds, back.Targeting.UserIds);
        Assert.Equal((Valid.StartsAtMs, Valid.EndsAtMs, Valid.CreatedAtMs, (long?)1_500), (back.StartsAtMs, back.EndsAtMs, back.CreatedAtMs, back.StoppedAtMs));
    }

    [Fact]
    public void Counts_round_trip_and_a_claimed_length_beyond_the_bytes_is_rejected()
    {
        var counts = new ExperimentCounts();
        counts.Add(new ExperimentSignal("ab-1", "control", SignalKind.Exposure, 0, 3));
        counts.Add(new ExperimentSignal("ab-1", "control", SignalKind.Click, 2, 0));
        var serde = new ExperimentCountsSerde();

        var bytes = serde.Serialize(counts, Ctx);
        var back = serde.Deserialize(bytes, Ctx).Variants["control"];

        Assert.Equal((1L, 3L, 1L), (back.Exposures, back.Impressions, back.Clicks));
        Assert.Equal([0L, 1L], back.ClicksByPosition);
        byte[] hostile = [1, 0xFF, 0xFF, 0xFF, 0x7F];
        Assert.Throws<SerializationException>(() => serde.Deserialize(hostile, Ctx));
    }

    [Fact]
    public void Feedback_on_an_item_not_in_the_exposure_or_without_one_is_unattributed()
    {
        var exposure = new Exposure("r1", "u1", "ab-1", "control", null, "algo", [new ServedItem("i1", 1)], 0);
        var click = new Feedback("f1", "u1", "r1", "i1", FeedbackAction.Click, 1, 10);

        Assert.Equal(new ExperimentSignal("ab-1", "control", SignalKind.Click, 1, 0), Attribution.OfFeedback(click, exposure));
        Assert.Equal(SignalKind.Unattributed, Attribution.OfFeedback(click with { ItemId = "i2" }, exposure)!.Kind);
        Assert.Equal(SignalKind.Unattributed, Attribution.OfFeedback(click, null)!.Kind);
        Assert.Null(Attribution.OfFeedback(click, exposure with { ExperimentId = null, Variant = null }));
        Assert.Null(Attribution.OfFeedback(click with { Action = FeedbackAction.Impression }, exposure));
    }
}
