namespace RecoStreams.Processors.Experiments;

/// <summary>One served list (RecommendationServed): who saw which items at which positions, in which variant.</summary>
public sealed record Exposure(
    string RequestId,
    string UserId,
    string? ExperimentId,
    string? Variant,
    string? ModelVersion,
    string Algorithm,
    IReadOnlyList<ServedItem> Items,
    long ServedAtMs)
{
    /// <summary>
    /// The exposure as attribution keeps it: without the user id, which attribution never reads and which an
    /// erase could not reach in stores keyed by request id (docs/privacy.md).
    /// </summary>
    public Exposure WithoutUser() => this with { UserId = string.Empty };
}

/// <summary>An item of a served list at its 1-based position (a value: a served list's items are one array, not an object each).</summary>
public readonly record struct ServedItem(string ItemId, int Position);

/// <summary>What a user did with an item of a served list.</summary>
public enum FeedbackAction
{
    Unknown = 0,
    Impression,
    Click,
    AddToCart,
    Purchase,
    Dismiss,
}

/// <summary>Feedback on one item of a served list, identified by the request id of the list when the client sent it.</summary>
public sealed record Feedback(
    string FeedbackId,
    string UserId,
    string? RequestId,
    string ItemId,
    FeedbackAction Action,
    int Position,
    long OccurredAtMs)
{
    /// <summary>The feedback as attribution keeps it: without the user id (see <see cref="Exposure.WithoutUser"/>).</summary>
    public Feedback WithoutUser() => this with { UserId = string.Empty };
}
