using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Validation;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Validation;

public sealed class EngagementEventValidatorTests
{
    private readonly EngagementEventValidator _validator = new(new ValidationOptions());
    private readonly long _now = Ms(T0);

    private RejectionReason? Reason(EngagementEvent e) => _validator.Validate(e, _now).Reason;

    [Fact]
    public void A_well_formed_event_is_valid() => Assert.True(_validator.Validate(Event("u", "i"), _now).IsValid);

    [Fact]
    public void Rejects_unknown_and_undefined_event_types()
    {
        Assert.Equal(RejectionReason.UnknownEventType, Reason(Event("u", "i", EventType.Unknown)));
        Assert.Equal(RejectionReason.UnknownEventType, Reason(Event("u", "i", (EventType)99)));
    }

    [Fact]
    public void Rejects_missing_ids()
    {
        Assert.Equal(RejectionReason.MissingEventId, Reason(Event("u", "i") with { EventId = " " }));
        Assert.Equal(RejectionReason.MissingUserId, Reason(Event("", "i")));
        Assert.Equal(RejectionReason.MissingItemId, Reason(Event("u", "")));
    }

    [Theory]
    [InlineData(null, RejectionReason.MissingRating)]
    [InlineData(0.0, RejectionReason.RatingOutOfRange)]
    [InlineData(5.5, RejectionReason.RatingOutOfRange)]
    [InlineData(3.3, RejectionReason.RatingNotHalfStep)]
    public void Rejects_ratings_that_are_missing_out_of_range_or_not_half_steps(double? rating, RejectionReason expected) =>
        Assert.Equal(expected, Reason(Event("u", "i", EventType.Rating, rating: rating)));

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.5)]
    [InlineData(5.0)]
    public void Accepts_half_step_ratings_from_half_to_five(double rating) =>
        Assert.Null(Reason(Event("u", "i", EventType.Rating, rating: rating)));

    [Fact]
    public void Rejects_events_beyond_the_future_tolerance_of_the_processing_clock()
    {
        Assert.Null(Reason(Event("u", "i", at: T0.AddMinutes(5))));
        Assert.Equal(RejectionReason.OccurredInFuture, Reason(Event("u", "i", at: T0.AddMinutes(5).AddMilliseconds(1))));
    }

    [Fact]
    public void Rejects_negative_watch_seconds_but_accepts_a_watch_without_duration()
    {
        var watch = Event("u", "i", EventType.Watch);
        Assert.Equal(RejectionReason.NegativeWatchSeconds, Reason(watch with { WatchSeconds = -1 }));
        Assert.Equal(RejectionReason.NonPositiveItemDuration, Reason(watch with { WatchSeconds = 1, ItemDurationSeconds = 0 }));
        Assert.Null(Reason(watch with { WatchSeconds = 30 }));
    }

    [Fact]
    public void The_reason_text_names_the_reason_and_the_detail() =>
        Assert.Equal("RatingOutOfRange: rating 7 is outside 0.5..5", _validator.Validate(Event("u", "i", EventType.Rating, rating: 7), _now).ToString());
}
