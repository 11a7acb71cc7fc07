using Contract = RecoStreams.Avro.Contracts;
using Domain = RecoStreams.Processors.Privacy;

namespace RecoStreams.Topology.Mapping;

/// <summary>Maps the privacy records to their Avro contracts (Consent, UserErased) and back.</summary>
public static class PrivacyMappers
{
    public static Contract.Consent ToContract(Domain.ConsentRecord consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new()
        {
            UserId = consent.UserId,
            Personalisation = consent.Personalisation,
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(consent.UpdatedAtMs),
        };
    }

    public static Domain.ConsentRecord ToDomain(Contract.Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new(consent.UserId, consent.Personalisation, consent.UpdatedAt.ToUnixTimeMilliseconds());
    }

    public static Contract.UserErased ToContract(Domain.UserErasure erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        return new()
        {
            UserIdHash = erasure.UserIdHash,
            Reason = erasure.Reason switch
            {
                Domain.ErasureReason.Request => Contract.ErasureReason.Request,
                Domain.ErasureReason.ConsentWithdrawn => Contract.ErasureReason.ConsentWithdrawn,
                Domain.ErasureReason.Retention => Contract.ErasureReason.Retention,
                _ => Contract.ErasureReason.Unknown,
            },
            RequestedAt = DateTimeOffset.FromUnixTimeMilliseconds(erasure.RequestedAtMs),
            ErasedAt = DateTimeOffset.FromUnixTimeMilliseconds(erasure.ErasedAtMs),
            EntriesRemoved = erasure.EntriesRemoved,
        };
    }

    /// <summary>For readers of the audit topic (tests, tools); a reason this build does not know is refused, not guessed.</summary>
    public static Domain.UserErasure ToDomain(Contract.UserErased erased)
    {
        ArgumentNullException.ThrowIfNull(erased);
        var reason = erased.Reason switch
        {
            Contract.ErasureReason.Request => Domain.ErasureReason.Request,
            Contract.ErasureReason.ConsentWithdrawn => Domain.ErasureReason.ConsentWithdrawn,
            Contract.ErasureReason.Retention => Domain.ErasureReason.Retention,
            _ => throw new FormatException($"UserErased: reason {erased.Reason} is not known to this reader"),
        };
        return new(erased.UserIdHash, reason, erased.RequestedAt.ToUnixTimeMilliseconds(), erased.ErasedAt.ToUnixTimeMilliseconds(), erased.EntriesRemoved);
    }
}
