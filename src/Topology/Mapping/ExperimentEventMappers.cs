using RecoStreams.Processors.Experiments;
using Contract = RecoStreams.Avro.Contracts;

namespace RecoStreams.Topology.Mapping;

/// <summary>Maps the RecommendationServed contract to the domain's exposure and back.</summary>
public static class ExposureMapper
{
    public static Exposure ToDomain(Contract.RecommendationServed s) => new(
        s.RequestId.ToString("D"),
        s.UserId,
        s.ExperimentId,
        s.Variant,
        s.ModelVersion,
        s.Algorithm,
        [.. s.Items.Select(i => new ServedItem(i.ItemId, i.Position))],
        s.ServedAt.ToUnixTimeMilliseconds());

    public static Contract.RecommendationServed ToContract(Exposure e) => new()
    {
        RequestId = Guid.TryParse(e.RequestId, out var id) ? id : throw new ArgumentException($"request_id '{e.RequestId}' is not a UUID.", nameof(e)),
        UserId = e.UserId,
        ExperimentId = e.ExperimentId,
        Variant = e.Variant,
        ModelVersion = e.ModelVersion,
        Algorithm = e.Algorithm,
        Items = [.. e.Items.Select(i => new Contract.ServedItem(i.ItemId, i.Position))],
        ServedAt = DateTimeOffset.FromUnixTimeMilliseconds(e.ServedAtMs),
    };
}

/// <summary>Maps the RecommendationFeedback contract to the domain's feedback.</summary>
public static class FeedbackMapper
{
    public static Feedback ToDomain(Contract.RecommendationFeedback f) => new(
        f.FeedbackId.ToString("D"),
        f.UserId,
        f.RequestId,
        f.ItemId,
        ToDomain(f.Kind),
        f.Position,
        f.OccurredAt.ToUnixTimeMilliseconds());

    public static Contract.RecommendationFeedback ToContract(Feedback f) => new()
    {
        FeedbackId = Guid.TryParse(f.FeedbackId, out var id) ? id : throw new ArgumentException($"feedback_id '{f.FeedbackId}' is not a UUID.", nameof(f)),
        UserId = f.UserId,
        RequestId = f.RequestId,
        ItemId = f.ItemId,
        Kind = f.Action switch
        {
            FeedbackAction.Impression => Contract.FeedbackKind.Impression,
            FeedbackAction.Click => Contract.FeedbackKind.Click,
            FeedbackAction.AddToCart => Contract.FeedbackKind.AddToCart,
            FeedbackAction.Purchase => Contract.FeedbackKind.Purchase,
            FeedbackAction.Dismiss => Contract.FeedbackKind.Dismiss,
            _ => Contract.FeedbackKind.Unknown,
        },
        // The domain identifies the list by request id and keeps no generation time: the feedback's own time stands in.
        RecommendationGeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds(f.OccurredAtMs),
        Position = f.Position,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(f.OccurredAtMs),
    };

    public static FeedbackAction ToDomain(Contract.FeedbackKind kind) => kind switch
    {
        Contract.FeedbackKind.Impression => FeedbackAction.Impression,
        Contract.FeedbackKind.Click => FeedbackAction.Click,
        Contract.FeedbackKind.AddToCart => FeedbackAction.AddToCart,
        Contract.FeedbackKind.Purchase or Contract.FeedbackKind.Conversion => FeedbackAction.Purchase,
        Contract.FeedbackKind.Dismiss => FeedbackAction.Dismiss,
        _ => FeedbackAction.Unknown,
    };

    /// <summary>
    /// The engagement event a feedback is for the user's profile: clicks, carts and purchases as themselves,
    /// a dismissal as a dislike; null for what says nothing about taste (impressions, unknown kinds).
    /// </summary>
    public static Processors.Domain.EngagementEvent? ToEngagementEvent(Feedback f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Processors.Domain.EventType? type = f.Action switch
        {
            FeedbackAction.Click => Processors.Domain.EventType.Click,
            FeedbackAction.AddToCart => Processors.Domain.EventType.AddToCart,
            FeedbackAction.Purchase => Processors.Domain.EventType.Purchase,
            FeedbackAction.Dismiss => Processors.Domain.EventType.Dislike,
            _ => null,
        };
        return type is { } t
            ? new Processors.Domain.EngagementEvent(f.FeedbackId, f.UserId, f.ItemId, t, DateTimeOffset.FromUnixTimeMilliseconds(f.OccurredAtMs))
            : null;
    }
}
