using Npgsql;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// Appends engagement events to the training history. A replayed event (same user and event id) changes
/// nothing, and an event from at or before its user's erasure (a watermark written earlier in the same
/// transaction or before) is not written, so a late copy cannot bring an erased user back.
/// </summary>
public sealed class PostgresEngagementEventSink : ITableUpsert<EngagementEventRow>
{
    private const string Sql = """
        INSERT INTO engagement_events AS e
            (user_id, event_id, item_id, event_type, occurred_at, rating, watch_seconds, item_duration_seconds, session_id)
        SELECT t.user_id, t.event_id, t.item_id, t.event_type, t.occurred_at, t.rating, t.watch_seconds, t.item_duration_seconds, t.session_id
        FROM unnest(@user_id, @event_id, @item_id, @event_type, @occurred_at, @rating, @watch_seconds, @item_duration_seconds, @session_id, @user_id_hash)
             AS t (user_id, event_id, item_id, event_type, occurred_at, rating, watch_seconds, item_duration_seconds, session_id, user_id_hash)
        WHERE NOT EXISTS (
            SELECT 1 FROM erasure_watermarks w WHERE w.user_id_hash = t.user_id_hash AND t.occurred_at <= w.erased_at)
        ON CONFLICT (user_id, event_id) DO NOTHING
        """;

    public async Task<int> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyCollection<EngagementEventRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        // ON CONFLICT cannot touch a row twice in one statement: one copy of each event.
        var distinct = rows.DistinctBy(r => (r.UserId, r.EventId)).ToList();
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(UnnestParameters.Text("user_id", distinct.Select(r => r.UserId)));
        command.Parameters.Add(UnnestParameters.Text("event_id", distinct.Select(r => r.EventId)));
        command.Parameters.Add(UnnestParameters.Text("item_id", distinct.Select(r => r.ItemId)));
        command.Parameters.Add(UnnestParameters.Text("event_type", distinct.Select(r => r.EventType)));
        command.Parameters.Add(UnnestParameters.TimestampTz("occurred_at", distinct.Select(r => r.OccurredAt)));
        command.Parameters.Add(UnnestParameters.NullableDouble("rating", distinct.Select(r => r.Rating)));
        command.Parameters.Add(UnnestParameters.NullableDouble("watch_seconds", distinct.Select(r => r.WatchSeconds)));
        command.Parameters.Add(UnnestParameters.NullableDouble("item_duration_seconds", distinct.Select(r => r.ItemDurationSeconds)));
        command.Parameters.Add(UnnestParameters.NullableText("session_id", distinct.Select(r => r.SessionId)));
        command.Parameters.Add(UnnestParameters.Text("user_id_hash", distinct.Select(r => r.UserIdHash)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
