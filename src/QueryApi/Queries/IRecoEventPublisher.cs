using RecoStreams.Avro.Contracts;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Produces the records the query API writes: refresh requests and recommendation feedback.</summary>
public interface IRecoEventPublisher
{
    /// <summary>Asks the owner of <paramref name="userId"/>'s partition to recompute the user's list now.</summary>
    Task PublishRefreshAsync(string userId, CancellationToken cancellationToken);

    Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken);
}
