using RecoStreams.Postgres.History;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Mirror;

/// <summary>
/// Reads a training job's history from the Postgres mirror's engagement_events: longer than the topic keeps,
/// filtered by time in the database, without erased users' events or those of users without consent. It
/// holds what the mirror has copied so far (events produced moments ago may not have arrived yet).
/// </summary>
public sealed class MirrorEngagementHistoryReader(PostgresEngagementHistory mirror) : IEngagementHistorySource
{
    public string Name => "the Postgres mirror's engagement_events";

    public async Task<EngagementHistory> ReadAsync(DateTimeOffset? start, DateTimeOffset? end, int maxEvents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IReadOnlyList<Postgres.Rows.EngagementEventRow> rows;
        try
        {
            rows = await mirror.ReadAsync(start, end, maxEvents, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Reading the history from Postgres took longer than {timeout.TotalSeconds:F0} s.");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message} (Models:MaxEvents)", e);
        }

        var events = new List<Processors.Domain.EngagementEvent>(rows.Count);
        var unknown = 0;
        foreach (var row in rows)
        {
            if (MirrorRowMapper.ToEvent(row) is { } e)
            {
                events.Add(e);
            }
            else
            {
                unknown++;
            }
        }

        return new EngagementHistory(events, OutOfRange: 0, Undecodable: unknown);
    }
}
