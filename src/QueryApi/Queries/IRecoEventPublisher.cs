using RecoStreams.Avro.Contracts;
using RecoStreams.Backfill;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Produces the records the query API writes: refresh requests, recommendation feedback and engagement events.</summary>
public interface IRecoEventPublisher : IRefreshPublisher
{
    Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken);

    /// <summary>Produces each event to engagement-events keyed by its user; completes when all are acknowledged.</summary>
    Task PublishEventsAsync(IReadOnlyList<Processors.Domain.EngagementEvent> events, CancellationToken cancellationToken);
}
