using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Rows;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Mirror;

/// <summary>
/// The mirror's input: recommendation-updated (one RecommendationRow per record) and {app}-item-stats
/// (one ItemPopularityRow per window score), read in the mirror's own consumer group with manual commits.
/// Offsets are committed only in <see cref="AcknowledgeAsync"/>, i.e. after Postgres committed the batch,
/// so a crash replays into idempotent upserts instead of losing rows.
/// </summary>
public sealed class KafkaSinkSource : ISinkSource, IDisposable
{
    private readonly IConsumer<byte[], byte[]?> _consumer;
    private readonly ConfluentAvroDeserializer<RecommendationUpdated> _recommendations;
    private readonly ConfluentAvroDeserializer<ItemStats> _itemStats;
    private readonly string _itemStatsTopic;
    private readonly MirrorOptions _options;
    private readonly ILogger _logger;

    // A record read but not yet batched because its rows would have overflowed the previous batch.
    private ConsumeResult<byte[], byte[]?>? _held;

    public KafkaSinkSource(string bootstrapServers, string applicationId, ISchemaRegistryClient registry, MirrorOptions options, ILogger<KafkaSinkSource> logger)
    {
        _options = options;
        _logger = logger;
        _recommendations = new ConfluentAvroDeserializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry);
        _itemStats = new ConfluentAvroDeserializer<ItemStats>(ItemStatsContract.Instance, registry);
        _itemStatsTopic = new RecoTopics(applicationId).ItemStats;
        _consumer = new ConsumerBuilder<byte[], byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = MirrorOptions.GroupId(applicationId),
            ClientId = MirrorOptions.GroupId(applicationId),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        _consumer.Subscribe([RecoTopics.RecommendationUpdated, _itemStatsTopic]);
    }

    public Task<SinkBatch> NextBatchAsync(CancellationToken cancellationToken) =>
        // Consume blocks; keep it off the caller's thread.
        Task.Run(() => Collect(cancellationToken), cancellationToken);

    public Task AcknowledgeAsync(SinkBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Positions.Count == 0)
        {
            return Task.CompletedTask;
        }

        try
        {
            // Kafka's committed offset is the next one to read: the last mirrored offset + 1.
            _consumer.Commit([.. batch.Positions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Offset + 1))]);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId)
        {
            // The partitions moved: their new owner re-reads from the last commit into idempotent upserts.
            _logger.LogInformation("Mirror offsets not committed during a rebalance ({Reason}); the rows will be re-applied", e.Error.Reason);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _consumer.Close();

    private SinkBatch Collect(CancellationToken cancellationToken)
    {
        var recommendations = new List<RecommendationRow>();
        var popularity = new List<ItemPopularityRow>();
        var positions = new Dictionary<(string, int), long>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _options.MaxBatchDelay && !cancellationToken.IsCancellationRequested)
        {
            var record = Interlocked.Exchange(ref _held, null) ?? _consumer.Consume(_options.MaxBatchDelay - clock.Elapsed);
            if (record is null)
            {
                break;
            }

            var (recommendation, windows) = ToRows(record);
            var rows = (recommendation is null ? 0 : 1) + windows.Count;
            if (recommendations.Count + popularity.Count + rows > _options.MaxBatchRows && positions.Count > 0)
            {
                _held = record;
                break;
            }

            if (recommendation is not null)
            {
                recommendations.Add(recommendation);
            }

            popularity.AddRange(windows);
            positions[(record.Topic, record.Partition.Value)] = record.Offset.Value;
        }

        return new SinkBatch
        {
            Recommendations = recommendations,
            ItemPopularity = popularity,
            Positions = [.. positions.Select(p => new SourcePosition(p.Key.Item1, p.Key.Item2, p.Value))],
        };
    }

    private (RecommendationRow? Recommendation, IReadOnlyList<ItemPopularityRow> Windows) ToRows(ConsumeResult<byte[], byte[]?> record)
    {
        // Tombstones carry nothing to mirror; their offsets still count as handled.
        if (record.Message.Value is not { } value)
        {
            return (null, []);
        }

        try
        {
            return record.Topic == _itemStatsTopic
                ? (null, [.. MirrorRowMapper.ToRows(_itemStats.Deserialize(value))])
                : (MirrorRowMapper.ToRow(_recommendations.Deserialize(value)), []);
        }
        catch (Exception e) when (e is Avro.AvroException)
        {
            // The mirror is a read model, not the system of record: one undecodable record must not stop it.
            _logger.LogError(e, "Mirror skipped undecodable record {Topic}[{Partition}]@{Offset}", record.Topic, record.Partition.Value, record.Offset.Value);
            return (null, []);
        }
    }
}
