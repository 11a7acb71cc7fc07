using Microsoft.Extensions.Configuration;
using RecoStreams.Processors.Options;
using RecoStreams.QueryApi.Hosting;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

public sealed class TopologyConfigurationTests
{
    [Fact]
    public void Configured_keys_override_the_code_defaults_and_the_rest_keep_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Recommender:ListSize"] = "12",
            ["Recommender:RecomputeInterval"] = "00:00:00.500",
            ["Recommender:ItemReadCacheCapacity"] = "5000",
            ["Recommender:HybridWeights:Cf"] = "0.5",
            ["Affinity:DecodedProfileCapacity"] = "300",
            ["Affinity:LikeWeight"] = "2.5",
            ["CoVisitation:MaxRecentItems"] = "20",
            ["CoVisitation:HalfLife"] = "7.00:00:00",
            ["Privacy:PersonalisationByDefault"] = "false",
            ["Experiments:Alpha"] = "0.01",
            ["Experiments:ExposureWriter:Capacity"] = "50",
        }).Build();

        var options = TopologyConfiguration.Read(configuration, "app-1");

        var defaults = new RecommenderOptions();
        Assert.Equal("app-1", options.ApplicationId);
        Assert.Equal(12, options.Recommender.ListSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Recommender.RecomputeInterval);
        Assert.Equal(5000, options.Recommender.ItemReadCacheCapacity);
        Assert.Equal(defaults.HybridWeights with { Cf = 0.5 }, options.Recommender.HybridWeights);
        Assert.Equal(defaults.CfSeedItems, options.Recommender.CfSeedItems);
        Assert.Equal(300, options.Affinity.DecodedProfileCapacity);
        Assert.Equal(2.5, options.Affinity.LikeWeight);
        Assert.Equal(new AffinityOptions().DislikeWeight, options.Affinity.DislikeWeight);
        Assert.Equal(20, options.CoVisitation.MaxRecentItems);
        Assert.Equal(TimeSpan.FromDays(7), options.CoVisitation.HalfLife);
        Assert.False(options.Privacy.PersonalisationByDefault);
        Assert.Equal(0.01, options.Experiments.Alpha);
    }

    [Fact]
    public void No_configuration_gives_the_code_defaults()
    {
        var options = TopologyConfiguration.Read(new ConfigurationBuilder().Build(), "app-2");

        Assert.Equal(new RecommenderOptions().ListSize, options.Recommender.ListSize);
        Assert.Equal(new AffinityOptions().DecodedProfileCapacity, options.Affinity.DecodedProfileCapacity);
        Assert.Equal(new CoVisitationOptions().MaxRecentItems, options.CoVisitation.MaxRecentItems);
        Assert.Equal(new ExperimentOptions().Alpha, options.Experiments.Alpha);
    }
}
