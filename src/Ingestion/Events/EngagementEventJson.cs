using System.Globalization;
using System.Text.Json;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Ingestion.Events;

/// <summary>
/// One engagement event as POST /events and JSON-lines files carry it (snake_case). Every member is
/// optional and times are text, so a missing or malformed field is reported by name instead of as a
/// shape error of the whole body.
/// </summary>
public sealed record EngagementEventJson(
    string? EventId,
    string? UserId,
    string? ItemId,
    string? EventType,
    string? OccurredAt,
    double? Rating,
    double? WatchSeconds,
    double? ItemDurationSeconds,
    string? SessionId)
{
    /// <summary>snake_case members, read with the web defaults (case-insensitive names, numbers also from strings).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>How far ahead of this clock an event may be stamped (the topology's own tolerance).</summary>
    public static readonly TimeSpan FutureTolerance = new Processors.Options.ValidationOptions().FutureTolerance;

    private static readonly Dictionary<string, EventType> Types = new(StringComparer.Ordinal)
    {
        ["view"] = Processors.Domain.EventType.View,
        ["like"] = Processors.Domain.EventType.Like,
        ["dislike"] = Processors.Domain.EventType.Dislike,
        ["rating"] = Processors.Domain.EventType.Rating,
        ["watch"] = Processors.Domain.EventType.Watch,
        ["add_to_cart"] = Processors.Domain.EventType.AddToCart,
        ["purchase"] = Processors.Domain.EventType.Purchase,
        ["click"] = Processors.Domain.EventType.Click,
    };

    /// <summary>The event, or null with every problem added to <paramref name="errors"/> under <paramref name="prefix"/> + field name.</summary>
    /// <param name="now">Stamps an event without occurred_at, and bounds how far ahead one may be.</param>
    public EngagementEvent? ToEvent(FieldErrors errors, string prefix, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.ErrorCount;
        if (!Guid.TryParseExact(EventId ?? string.Empty, "D", out var eventId))
        {
            errors.Add(prefix + "event_id", "is required: a UUID (e.g. 3f2c1a9e-...) unique per event; a repeated id is processed once");
        }

        var user = errors.UserId(prefix + "user_id", UserId);
        var item = errors.ItemId(prefix + "item_id", ItemId);
        var type = EventType is not null && Types.TryGetValue(EventType, out var t) ? t : (EventType?)null;
        if (type is null)
        {
            errors.Add(prefix + "event_type", $"must be one of {string.Join(", ", Types.Keys)}");
        }

        var at = now;
        if (OccurredAt is not null)
        {
            if (!DateTimeOffset.TryParse(OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                errors.Add(prefix + "occurred_at", "must be an ISO 8601 date and time, e.g. 2026-11-22T08:00:00Z");
            }
            else if (at - now > FutureTolerance)
            {
                errors.Add(prefix + "occurred_at", $"is more than {FutureTolerance.TotalMinutes:0} minutes in the future");
            }
        }

        CheckRating(errors, prefix, type);
        if (WatchSeconds is < 0 || (WatchSeconds is { } w && !double.IsFinite(w)))
        {
            errors.Add(prefix + "watch_seconds", "must be zero or more");
        }

        if (ItemDurationSeconds is <= 0 || (ItemDurationSeconds is { } d && !double.IsFinite(d)))
        {
            errors.Add(prefix + "item_duration_seconds", "must be more than zero");
        }

        if (SessionId is { Length: > FieldErrors.MaxIdLength })
        {
            errors.Add(prefix + "session_id", $"must be at most {FieldErrors.MaxIdLength} characters");
        }

        return errors.ErrorCount > before
            ? null
            : new EngagementEvent(eventId.ToString("D"), user, item, type!.Value, at, Rating, WatchSeconds, ItemDurationSeconds, SessionId);
    }

    private void CheckRating(FieldErrors errors, string prefix, EventType? type)
    {
        if (Rating is { } r && !(r is >= 0.5 and <= 5 && Math.Floor(r * 2) == r * 2))
        {
            errors.Add(prefix + "rating", "must be 0.5 to 5 in steps of 0.5");
        }
        else if (type == Processors.Domain.EventType.Rating && Rating is null)
        {
            errors.Add(prefix + "rating", "is required for a rating event");
        }
    }
}
