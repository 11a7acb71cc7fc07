using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>What a training job learned from: the events in range and how many records it passed over.</summary>
public sealed record EngagementHistory(IReadOnlyList<EngagementEvent> Events, int OutOfRange, int Undecodable);

/// <summary>Where a training job reads its event history: the engagement-events topic, or the Postgres mirror when configured.</summary>
public interface IEngagementHistorySource
{
    /// <summary>What is read, for the job's log.</summary>
    string Name { get; }

    /// <summary>
    /// The events that occurred from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive);
    /// more than <paramref name="maxEvents"/> fail the read with a clear error, as does taking longer than <paramref name="timeout"/>.
    /// </summary>
    Task<EngagementHistory> ReadAsync(DateTimeOffset? start, DateTimeOffset? end, int maxEvents, TimeSpan timeout, CancellationToken cancellationToken);
}
