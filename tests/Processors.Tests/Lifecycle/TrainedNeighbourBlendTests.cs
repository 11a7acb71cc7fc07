using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Tests.Support;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>The serving model's trained neighbours are one more item-kNN source beside streaming co-visitation.</summary>
public sealed class TrainedNeighbourBlendTests
{
    private static (FakeInputs Inputs, UserProfile Profile) Scenario()
    {
        var inputs = new FakeInputs();
        foreach (var id in new[] { "seed", "covisited", "trained", "other" })
        {
            inputs.Add(Item(id, ["Drama"], [id]), 1);
        }

        inputs.Neighbours("seed", ("covisited", 0.5));
        var updater = new ProfileUpdater(new AffinityOptions(), new CoVisitationOptions());
        var profile = updater.NewProfile("u");
        for (var i = 0; i < 6; i++)
        {
            updater.Apply(profile, new EnrichedEvent(Event("u", "seed", EventType.Like, T0.AddMinutes(i)), inputs.Catalog["seed"]));
        }

        return (inputs, profile);
    }

    private static RecommendationList Recommend(FakeInputs inputs, UserProfile profile, double trainedWeight = 1) =>
        new Recommender(new RecommenderOptions { TrainedNeighbourWeight = trainedWeight }, new AffinityOptions(), new UserClassOptions())
            .Recommend("u", profile, inputs, Ms(T0.AddMinutes(10)));

    [Fact]
    public void Without_a_model_only_co_visitation_scores_and_the_list_names_no_version()
    {
        var (inputs, profile) = Scenario();

        var list = Recommend(inputs, profile);

        Assert.Null(list.ModelVersion);
        Assert.Equal(RecommendationSource.Cf, list.Items.Single(i => i.ItemId == "covisited").Source);
        Assert.NotEqual(RecommendationSource.Cf, list.Items.Single(i => i.ItemId == "trained").Source);
    }

    [Fact]
    public void A_trained_neighbour_becomes_a_cf_candidate_next_to_co_visitation_and_the_list_names_the_version()
    {
        var (inputs, profile) = Scenario();
        inputs.ModelVersion = "v2";

        // EASE-like weights on their own scale: the best trained neighbour counts as a co-visitation similarity of 1.
        inputs.Trained["seed"] = [new Neighbour("trained", 0.002, 0), new Neighbour("other", 0.001, 0)];

        var list = Recommend(inputs, profile);

        Assert.Equal("v2", list.ModelVersion);
        Assert.Equal(["trained", "covisited", "other"], list.Items.Take(3).Select(i => i.ItemId));
        Assert.All(list.Items.Take(3), i => Assert.Equal(RecommendationSource.Cf, i.Source));
        Assert.Contains("Title seed", list.Items[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trained_weight_of_zero_ignores_the_model()
    {
        var (inputs, profile) = Scenario();
        inputs.Trained["seed"] = [new Neighbour("trained", 1, 0)];

        var list = Recommend(inputs, profile, trainedWeight: 0);

        Assert.NotEqual(RecommendationSource.Cf, list.Items.Single(i => i.ItemId == "trained").Source);
    }

    [Theory]
    [InlineData(1.0, "old-neighbour")]
    [InlineData(0.5, "new-neighbour")]
    public void The_trained_recency_factor_fades_older_seeds_trained_neighbours_apart_from_co_visitation(double trainedRecency, string first)
    {
        var inputs = new FakeInputs();
        foreach (var id in new[] { "old", "new", "old-neighbour", "new-neighbour" })
        {
            inputs.Add(Item(id, ["Drama"], [id]), 1);
        }

        var updater = new ProfileUpdater(new AffinityOptions(), new CoVisitationOptions());
        var profile = updater.NewProfile("u");
        updater.Apply(profile, new EnrichedEvent(Event("u", "old", EventType.Like, T0), inputs.Catalog["old"]));
        updater.Apply(profile, new EnrichedEvent(Event("u", "new", EventType.Like, T0.AddMinutes(1)), inputs.Catalog["new"]));
        inputs.Trained["old"] = [new Neighbour("old-neighbour", 1, 0)];
        inputs.Trained["new"] = [new Neighbour("new-neighbour", 0.8, 0), new Neighbour("best-of-new", 1, 0)];

        var options = new RecommenderOptions { CfRecencyFactor = 1, TrainedRecencyFactor = trainedRecency };
        var list = new Recommender(options, new AffinityOptions(), new UserClassOptions()).Recommend("u", profile, inputs, Ms(T0.AddMinutes(10)));

        Assert.Equal(first, list.Items[0].ItemId);
    }

    [Theory]
    [InlineData(TrainedScaling.PerSeed, "weak-link")]
    [InlineData(TrainedScaling.WholeList, "strong-link")]
    public void Whole_list_scaling_lets_a_strong_trained_link_outrank_a_weak_one_that_per_seed_scaling_lifts_to_its_seeds_best(
        TrainedScaling scaling, string first)
    {
        var inputs = new FakeInputs();
        foreach (var id in new[] { "old", "new", "strong-link", "weak-link" })
        {
            inputs.Add(Item(id, ["Drama"], [id]), 1);
        }

        var updater = new ProfileUpdater(new AffinityOptions(), new CoVisitationOptions());
        var profile = updater.NewProfile("u");
        updater.Apply(profile, new EnrichedEvent(Event("u", "old", EventType.Like, T0), inputs.Catalog["old"]));
        updater.Apply(profile, new EnrichedEvent(Event("u", "new", EventType.Like, T0.AddMinutes(1)), inputs.Catalog["new"]));

        // The older seed links strongly to its neighbour, the newer one weakly: per seed, both count as their seed's best.
        inputs.Trained["old"] = [new Neighbour("strong-link", 0.3, 0)];
        inputs.Trained["new"] = [new Neighbour("weak-link", 0.1, 0)];

        // A two-event user is New (content-led); item-kNN alone here, so the list's reason names the trained seed.
        var options = new RecommenderOptions { CfRecencyFactor = 1, TrainedRecencyFactor = 0.9, TrainedScaling = scaling, NewUserWeights = new(1, 0, 0) };
        var list = new Recommender(options, new AffinityOptions(), new UserClassOptions()).Recommend("u", profile, inputs, Ms(T0.AddMinutes(10)));

        Assert.Equal(first, list.Items[0].ItemId);
        Assert.Equal(RecommendationSource.Cf, list.Items[0].Source);
        Assert.Contains(first == "strong-link" ? "Title old" : "Title new", list.Items[0].Explanation, StringComparison.Ordinal);
    }
}
