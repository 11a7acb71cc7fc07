using System.Collections.Concurrent;
using RecoStreams.Avro.Contracts;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>Keeps what the endpoints would have produced.</summary>
internal sealed class RecordingPublisher : IRecoEventPublisher
{
    public ConcurrentQueue<string> Refreshes { get; } = new();

    public ConcurrentQueue<RecommendationFeedback> Feedback { get; } = new();

    public ConcurrentQueue<Processors.Domain.EngagementEvent> Events { get; } = new();

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken)
    {
        Refreshes.Enqueue(userId);
        return Task.CompletedTask;
    }

    public Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken)
    {
        Feedback.Enqueue(feedback);
        return Task.CompletedTask;
    }

    public Task PublishEventsAsync(IReadOnlyList<Processors.Domain.EngagementEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            Events.Enqueue(e);
        }

        return Task.CompletedTask;
    }
}
