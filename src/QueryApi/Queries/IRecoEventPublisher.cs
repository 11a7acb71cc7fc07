using RecoStreams.Avro.Contracts;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Produces the records the query API writes: refresh requests and recommendation feedback.</summary>
public interface IRecoEventPublisher : IRefreshPublisher
{
    Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken);
}
