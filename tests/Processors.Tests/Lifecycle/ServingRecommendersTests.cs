using System.Globalization;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Tests.Support;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Lifecycle;

public sealed class ServingRecommendersTests
{
    private static readonly Recommender Deployment = new(new RecommenderOptions(), new AffinityOptions(), new UserClassOptions());

    private static ServingRecommenders Recommenders() => new(Deployment, new RecommenderOptions(), new AffinityOptions(), new UserClassOptions());

    private static ModelVersion Version(string id, string type, IReadOnlyDictionary<string, string> parameters) =>
        new(id, type, ModelStatus.Approved, 0, new ModelLineage(0, 1, 1, 10, "test", parameters, null), null, null, null);

    /// <summary>30 trending items, so a cold-start list is as long as the recommender allows.</summary>
    private static FakeInputs Trending()
    {
        var inputs = new FakeInputs();
        for (var i = 0; i < 30; i++)
        {
            inputs.Add(Item("i" + i.ToString("D2", CultureInfo.InvariantCulture), ["Drama"], ["c" + i.ToString(CultureInfo.InvariantCulture)]), 30 - i);
        }

        return inputs;
    }

    [Fact]
    public void A_config_version_and_a_trained_version_naming_serving_settings_build_lists_with_them_others_with_the_deployments()
    {
        var versions = new Dictionary<string, ModelVersion>
        {
            ["v-config"] = Version("v-config", ModelTrainerFactory.ConfigModelType, new Dictionary<string, string> { ["listSize"] = "4" }),
            ["v-ease"] = Version("v-ease", EaseTrainer.Type, new Dictionary<string, string> { ["lambda"] = "100", ["listSize"] = "6" }),
            ["v-knn"] = Version("v-knn", ItemKnnTrainer.Type, new Dictionary<string, string> { ["shrinkage"] = "10", ["topK"] = "4" }),
        };
        var recommenders = Recommenders();
        var inputs = Trending();

        int Length(string? version) => recommenders.For(version, id => versions.GetValueOrDefault(id)).Recommend("u", null, inputs, Ms(T0)).Items.Count;

        Assert.Equal(4, Length("v-config"));
        Assert.Equal(6, Length("v-ease"));
        Assert.Equal(new RecommenderOptions().ListSize, Length("v-knn"));
        Assert.Equal(new RecommenderOptions().ListSize, Length(null));
        Assert.Same(Deployment, recommenders.For("v-knn", id => versions.GetValueOrDefault(id)));
    }

    [Fact]
    public void A_version_not_in_the_table_yet_is_served_by_the_deployment_and_looked_up_again()
    {
        var versions = new Dictionary<string, ModelVersion>();
        var recommenders = Recommenders();

        Assert.Same(Deployment, recommenders.For("v-late", id => versions.GetValueOrDefault(id)));
        versions["v-late"] = Version("v-late", ModelTrainerFactory.ConfigModelType, new Dictionary<string, string> { ["listSize"] = "2" });

        Assert.Equal(2, recommenders.For("v-late", id => versions.GetValueOrDefault(id)).Recommend("u", null, Trending(), Ms(T0)).Items.Count);
    }

    [Fact]
    public void Settings_round_trip_through_a_versions_record_and_bad_ones_are_refused()
    {
        var tuned = ConfigModelSettings.Apply(
            new RecommenderOptions(),
            new Dictionary<string, string> { ["mmrLambda"] = "0.5", ["hybridWeights"] = "cf 1, content 0, popular 0.5", ["maxPerCreator"] = "3" });

        var read = ConfigModelSettings.Apply(new RecommenderOptions(), ConfigModelSettings.Describe(tuned));

        Assert.Equal(0.5, read.MmrLambda);
        Assert.Equal(new BlendWeights(1, 0, 0.5), read.HybridWeights);
        Assert.Equal(3, read.MaxPerCreator);
        Assert.Equal(ConfigModelSettings.Describe(tuned), ConfigModelSettings.Describe(read));
        Assert.Null(read.TrainedRecencyFactor);
        var blend = ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["trainedNeighbourWeight"] = "0.1", ["trainedRecencyFactor"] = "0.6" });
        var blendRead = ConfigModelSettings.Apply(new RecommenderOptions(), ConfigModelSettings.Describe(blend));
        Assert.Equal((0.1, (double?)0.6), (blendRead.TrainedNeighbourWeight, blendRead.TrainedRecencyFactor));
        Assert.Throws<ArgumentException>(() => ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["trainedNeighbourWeight"] = "-1" }));
        Assert.Throws<ArgumentException>(() => new ModelTrainerFactory().Create(ItemModelEnsemble.Type, new Dictionary<string, string> { ["trainedRecencyFactor"] = "2" }));
        Assert.Throws<ArgumentException>(() => ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["affinityHalfLife"] = "1" }));
        Assert.Throws<ArgumentException>(() => ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["mmrLambda"] = "2" }));
        Assert.Throws<ArgumentException>(() => ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["hybridWeights"] = "1, 2, 3" }));
        Assert.Throws<ArgumentException>(() => new ModelTrainerFactory().Create(ModelTrainerFactory.ConfigModelType, new Dictionary<string, string> { ["listSize"] = "0" }));
        Assert.Equal(7, ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["listSize"] = "7", ["affinityHalfLife"] = "1" }, ignoreUnknown: true).ListSize);
    }

    [Fact]
    public void A_version_carries_how_its_trained_scores_are_scaled_and_an_unknown_scaling_is_refused()
    {
        var wholeList = ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["trainedScaling"] = "WholeList" });

        Assert.Equal(TrainedScaling.WholeList, wholeList.TrainedScaling);
        Assert.Equal("WholeList", ConfigModelSettings.Describe(wholeList)["trainedScaling"]);
        Assert.Equal(TrainedScaling.WholeList, ConfigModelSettings.Apply(new RecommenderOptions(), ConfigModelSettings.Describe(wholeList)).TrainedScaling);
        Assert.Equal(TrainedScaling.PerSeed, ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string>()).TrainedScaling);
        foreach (var bad in new[] { "Whole", "1", "wholelist", "" })
        {
            Assert.Throws<ArgumentException>(() => ConfigModelSettings.Apply(new RecommenderOptions(), new Dictionary<string, string> { ["trainedScaling"] = bad }));
        }
    }
}
