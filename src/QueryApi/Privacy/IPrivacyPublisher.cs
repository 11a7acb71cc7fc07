using RecoStreams.Processors.Privacy;

namespace RecoStreams.QueryApi.Privacy;

/// <summary>Produces the privacy records the query API accepts: erase requests and consent changes.</summary>
public interface IPrivacyPublisher
{
    /// <summary>Sends the erase to the task owning the user's partition (through Kafka); completes when acknowledged.</summary>
    Task PublishEraseAsync(EraseRequest request, CancellationToken cancellationToken);

    /// <summary>Writes the user's choice to the compacted consents topic every instance reads as a global table.</summary>
    Task PublishConsentAsync(ConsentRecord consent, CancellationToken cancellationToken);
}
