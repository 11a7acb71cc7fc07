using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Validation;

/// <summary>Checks one event against the contract's rules; stateless and thread-safe.</summary>
public sealed class EngagementEventValidator(ValidationOptions options)
{
    private readonly long _futureToleranceMs = (long)options.FutureTolerance.TotalMilliseconds;

    /// <param name="nowMs">The processing clock (wall clock of the task), not the event's own time.</param>
    public ValidationResult Validate(EngagementEvent e, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type == EventType.Unknown || !Enum.IsDefined(e.Type))
        {
            return ValidationResult.Reject(RejectionReason.UnknownEventType, $"event type {(int)e.Type} is not known");
        }

        if (string.IsNullOrWhiteSpace(e.EventId))
        {
            return ValidationResult.Reject(RejectionReason.MissingEventId, "event_id is empty");
        }

        if (string.IsNullOrWhiteSpace(e.UserId))
        {
            return ValidationResult.Reject(RejectionReason.MissingUserId, "user_id is empty");
        }

        if (string.IsNullOrWhiteSpace(e.ItemId))
        {
            return ValidationResult.Reject(RejectionReason.MissingItemId, "item_id is empty");
        }

        if (e.OccurredAtMs - nowMs > _futureToleranceMs)
        {
            return ValidationResult.Reject(
                RejectionReason.OccurredInFuture,
                $"occurred_at is {TimeSpan.FromMilliseconds(e.OccurredAtMs - nowMs)} ahead of the processing clock");
        }

        return e.Type switch
        {
            EventType.Rating => ValidateRating(e.Rating),
            EventType.Watch => ValidateWatch(e),
            _ => ValidationResult.Valid,
        };
    }

    private static ValidationResult ValidateRating(double? rating)
    {
        if (rating is not { } r || double.IsNaN(r))
        {
            return ValidationResult.Reject(RejectionReason.MissingRating, "a rating event needs a rating");
        }

        if (r < 0.5 || r > 5)
        {
            return ValidationResult.Reject(RejectionReason.RatingOutOfRange, $"rating {r} is outside 0.5..5");
        }

        // Exact check: r·2 must be an integer; 0.5 steps are exactly representable in binary.
        return Math.Floor(r * 2) == r * 2
            ? ValidationResult.Valid
            : ValidationResult.Reject(RejectionReason.RatingNotHalfStep, $"rating {r} is not a multiple of 0.5");
    }

    private static ValidationResult ValidateWatch(EngagementEvent e)
    {
        if (e.WatchSeconds is < 0)
        {
            return ValidationResult.Reject(RejectionReason.NegativeWatchSeconds, $"watch_seconds {e.WatchSeconds} is negative");
        }

        // A missing duration is fine (the catalog may know it); a zero or negative one cannot give a fraction.
        return e.ItemDurationSeconds is <= 0
            ? ValidationResult.Reject(RejectionReason.NonPositiveItemDuration, $"item_duration_seconds {e.ItemDurationSeconds} is not positive")
            : ValidationResult.Valid;
    }
}
