using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Options;
using Xunit;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class VariantRecommenderSettingsTests
{
    [Fact]
    public void A_variant_changes_only_its_own_settings_and_keeps_every_other_configured_one()
    {
        var defaults = new RecommenderOptions { TrainedNeighbourWeight = 2.5, RerankPool = 77, ListSize = 13, MmrLambda = 0.6, MaxPerCreator = 4 };

        var applied = new VariantRecommenderSettings(MmrLambda: 0.3, MaxPerCreator: null, CfRecencyFactor: null, HybridWeights: null).ApplyTo(defaults);

        Assert.Equal(0.3, applied.MmrLambda);
        Assert.Equal((2.5, 77, 13, 4), (applied.TrainedNeighbourWeight, applied.RerankPool, applied.ListSize, applied.MaxPerCreator));
        Assert.Equal(0.6, defaults.MmrLambda);
    }
}
