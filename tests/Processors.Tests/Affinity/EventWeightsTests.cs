using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Affinity;

public sealed class EventWeightsTests
{
    private readonly EventWeights _weights = new(new AffinityOptions());

    [Theory]
    [InlineData(EventType.View, 1)]
    [InlineData(EventType.Click, 1)]
    [InlineData(EventType.Like, 3)]
    [InlineData(EventType.AddToCart, 4)]
    [InlineData(EventType.Purchase, 6)]
    [InlineData(EventType.Dislike, -4)]
    public void Default_weights_follow_the_event_type_table(EventType type, double expected) =>
        Assert.Equal(expected, _weights.WeightOf(Event("u", "i", type)));

    [Theory]
    [InlineData(5.0, 3.0)]
    [InlineData(3.0, 0.0)]
    [InlineData(1.0, -3.0)]
    public void Rating_weight_is_rating_minus_3_times_1_5_so_low_ratings_are_negative(double rating, double expected) =>
        Assert.Equal(expected, _weights.WeightOf(Event("u", "i", EventType.Rating, rating: rating)), 10);

    [Fact]
    public void Watch_weight_is_twice_the_fraction_watched_capped_at_full()
    {
        var half = Event("u", "i", EventType.Watch) with { WatchSeconds = 30, ItemDurationSeconds = 60 };
        var over = half with { WatchSeconds = 600 };

        Assert.Equal(1.0, _weights.WeightOf(half), 10);
        Assert.Equal(2.0, _weights.WeightOf(over), 10);
    }

    [Fact]
    public void Watch_without_event_duration_uses_the_catalog_duration_then_a_default_fraction()
    {
        var watch = Event("u", "i", EventType.Watch) with { WatchSeconds = 90 };

        Assert.Equal(1.5, _weights.WeightOf(watch, catalogDurationSeconds: 120), 10);
        Assert.Equal(1.0, _weights.WeightOf(watch, catalogDurationSeconds: null), 10);
    }
}
