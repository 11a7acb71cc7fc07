namespace RecoStreams.Avro.Contracts;

/// <summary>Kind of feedback; declared in the schema's symbol order (the value is the Avro ordinal).</summary>
public enum FeedbackKind
{
    /// <summary>The item was shown.</summary>
    Impression,
    /// <summary>The item was clicked.</summary>
    Click,
    /// <summary>The click led to a purchase or full consumption.</summary>
    Conversion,
    /// <summary>The user dismissed the item.</summary>
    Dismiss,
    /// <summary>A symbol this reader does not know.</summary>
    Unknown,
}

/// <summary>What a user did with a served recommendation (io.recostreams.events.RecommendationFeedback).</summary>
public sealed record RecommendationFeedback
{
    /// <summary>Producer-assigned unique id.</summary>
    public required Guid FeedbackId { get; init; }

    /// <summary>The user; also the record key.</summary>
    public required string UserId { get; init; }

    /// <summary>The recommended item.</summary>
    public required string ItemId { get; init; }

    /// <summary>What happened.</summary>
    public required FeedbackKind Kind { get; init; }

    /// <summary>generated_at of the served list; identifies it.</summary>
    public required DateTimeOffset RecommendationGeneratedAt { get; init; }

    /// <summary>1-based position shown.</summary>
    public required int Position { get; init; }

    /// <summary>When the feedback happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
