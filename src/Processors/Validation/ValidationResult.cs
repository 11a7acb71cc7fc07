namespace RecoStreams.Processors.Validation;

/// <summary>Why an event was rejected; the name goes into the DLQ reason header.</summary>
public enum RejectionReason
{
    UnknownEventType,
    MissingEventId,
    MissingUserId,
    MissingItemId,
    MissingRating,
    RatingOutOfRange,
    RatingNotHalfStep,
    OccurredInFuture,
    NegativeWatchSeconds,
    NonPositiveItemDuration,
}

/// <summary>Valid, or rejected with a reason and a human-readable detail.</summary>
public readonly record struct ValidationResult(RejectionReason? Reason, string? Detail)
{
    public static ValidationResult Valid => default;

    public bool IsValid => Reason is null;

    public static ValidationResult Reject(RejectionReason reason, string detail) => new(reason, detail);

    /// <summary>"RatingOutOfRange: rating 7 is outside 0.5..5", the DLQ header text.</summary>
    public override string ToString() => IsValid ? "Valid" : $"{Reason}: {Detail}";
}
