using Npgsql;
using RecoStreams.Postgres.Upserts;

namespace RecoStreams.Postgres.Delivery;

/// <summary>
/// Writes a batch in ONE transaction: the erased users' deletes and erasure watermarks, then one upsert
/// statement per table (the events last, so they are checked against this batch's watermarks too).
/// </summary>
public sealed class PostgresBatchWriter(NpgsqlDataSource dataSource) : ISinkBatchWriter
{
    private readonly PostgresRecommendationSink _recommendations = new();
    private readonly PostgresUserFeaturesSink _userFeatures = new();
    private readonly PostgresItemPopularitySink _itemPopularity = new();
    private readonly PostgresUserRowsEraser _erasures = new();
    private readonly PostgresErasureWatermarkSink _watermarks = new();
    private readonly PostgresEngagementEventSink _events = new();

    public async Task<int> WriteAsync(SinkBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.RowCount == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written =
            await _erasures.EraseAsync(connection, transaction, batch.ErasedUsers, cancellationToken)
            + await _watermarks.UpsertAsync(connection, transaction, batch.ErasureWatermarks, cancellationToken)
            + await _recommendations.UpsertAsync(connection, transaction, batch.Recommendations, cancellationToken)
            + await _userFeatures.UpsertAsync(connection, transaction, batch.UserFeatures, cancellationToken)
            + await _itemPopularity.UpsertAsync(connection, transaction, batch.ItemPopularity, cancellationToken)
            + await _events.UpsertAsync(connection, transaction, batch.EngagementEvents, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
