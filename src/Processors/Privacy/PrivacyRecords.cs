namespace RecoStreams.Processors.Privacy;

/// <summary>A user's choice about personalisation, as kept in the compacted consents topic (keyed by user id).</summary>
public sealed record ConsentRecord(string UserId, bool Personalisation, long UpdatedAtMs);

/// <summary>Why a user's personal data was removed.</summary>
public enum ErasureReason
{
    /// <summary>The user (or an operator for them) asked for erasure.</summary>
    Request,

    /// <summary>The user withdrew consent to personalisation.</summary>
    ConsentWithdrawn,

    /// <summary>The user was inactive longer than the retention period.</summary>
    Retention,
}

/// <summary>An erase of one user's data, sent through Kafka to the task that owns the user's partition.</summary>
public sealed record EraseRequest(string UserId, ErasureReason Reason, long RequestedAtMs);

/// <summary>
/// What an erase did, for the audit topic: the user appears only as <see cref="UserIdHash"/>.
/// </summary>
public sealed record UserErasure(string UserIdHash, ErasureReason Reason, long RequestedAtMs, long ErasedAtMs, int EntriesRemoved);
