using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Rows;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Topology;

namespace RecoStreams.Mirror;

/// <summary>
/// The mirror's input: recommendation-updated (one RecommendationRow per record), {app}-item-stats (one
/// ItemPopularityRow per window score), the user-profiles changelog (one UserFeaturesRow per profile) and,
/// with <see cref="EventHistoryMirroring"/>, engagement-events (one EngagementEventRow per event of a consenting
/// user: the training history), read in the mirror's own consumer group with manual commits. A tombstone in
/// recommendation-updated or the profiles changelog (an erased or expired user) deletes the user's rows and
/// records an erasure watermark (the hashed id and the tombstone's time).
/// Offsets are committed only in <see cref="AcknowledgeAsync"/>, i.e. after Postgres committed the batch,
/// so a crash replays into idempotent upserts instead of losing rows.
/// </summary>
public sealed class KafkaSinkSource : ISinkSource, IDisposable
{
    private readonly IConsumer<byte[], byte[]?> _consumer;
    private readonly ConfluentAvroDeserializer<RecommendationUpdated> _recommendations;
    private readonly ConfluentAvroDeserializer<ItemStats> _itemStats;
    private readonly string _itemStatsTopic;
    private readonly string _profilesTopic;
    private readonly UserProfileSerde _profiles = new();
    private readonly ISerde<Processors.Domain.EngagementEvent> _events;
    private readonly EventHistoryMirroring? _history;
    private readonly MirrorOptions _options;
    private readonly ILogger _logger;

    private Task? _collecting;

    // A record read but not yet batched because its rows would have overflowed the previous batch.
    private ConsumeResult<byte[], byte[]?>? _held;

    // Set by the revoke handler, which runs inside Consume, on the thread collecting the batch.
    private bool _revoked;

    /// <param name="history">Mirrors engagement events as training history when given.</param>
    public KafkaSinkSource(
        string bootstrapServers, string applicationId, ISchemaRegistryClient registry, MirrorOptions options, ILogger<KafkaSinkSource> logger, EventHistoryMirroring? history = null)
    {
        _options = options;
        _history = history;
        _events = Topology.Wire.InputSerdes.EngagementEvents(registry);
        _logger = logger;
        _recommendations = new ConfluentAvroDeserializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry);
        _itemStats = new ConfluentAvroDeserializer<ItemStats>(ItemStatsContract.Instance, registry);
        _itemStatsTopic = new RecoTopics(applicationId).ItemStats;
        _profilesTopic = ChangelogTopics.NameFor(applicationId, RecoStoreNames.Profiles);
        // The operator's consumer properties first (security, session timeout: a group coordinator may wait most of
        // a session timeout for members in a rebalance), then what the mirror's delivery guarantee rests on.
        _consumer = new ConsumerBuilder<byte[], byte[]?>(new ConsumerConfig(options.ConsumerOverrides.ToDictionary())
        {
            BootstrapServers = bootstrapServers,
            GroupId = MirrorOptions.GroupId(applicationId),
            ClientId = MirrorOptions.GroupId(applicationId),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            // Not cooperative-sticky: librdkafka 2.0.2 (Debian 12) aborts the process when such a consumer closes
            // before its first assignment (rd_kafka_sticky_assignor_state_destroy assertion); a mirror stopped
            // during start-up did exactly that. The mirror keeps no state, so eager rebalances cost little.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.RoundRobin,
        })
            // Rebalances stop the mirror until every member has rejoined: their times explain a lagging mirror.
            .SetPartitionsAssignedHandler((consumer, partitions) => _logger.LogInformation(
                "Mirror member {Member} assigned {Partitions}", consumer.MemberId, Describe(partitions)))
            .SetPartitionsRevokedHandler((consumer, partitions) =>
            {
                _revoked = true;
                _logger.LogInformation("Mirror member {Member} revoked {Partitions}", consumer.MemberId, Describe(partitions.Select(p => p.TopicPartition)));
            })
            .Build();
        _consumer.Subscribe(history is null
            ? [RecoTopics.RecommendationUpdated, _itemStatsTopic, _profilesTopic]
            : [RecoTopics.RecommendationUpdated, _itemStatsTopic, _profilesTopic, RecoTopics.EngagementEvents]);
    }

    public Task<SinkBatch> NextBatchAsync(CancellationToken cancellationToken)
    {
        // Consume blocks; keep it off the caller's thread, and remember it so Dispose does not close the
        // consumer under a Consume still running there (librdkafka aborts the process on that).
        var collect = Task.Run(() => Collect(cancellationToken), cancellationToken);
        _collecting = collect;
        return collect;
    }

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

    public void Dispose()
    {
        try
        {
            // A cancelled Collect returns within one MaxBatchDelay.
            _collecting?.Wait(_options.MaxBatchDelay + TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Its failure was reported to the awaiting worker already.
        }

        _consumer.Close();
        _consumer.Dispose();
    }

    private SinkBatch Collect(CancellationToken cancellationToken)
    {
        var recommendations = new List<RecommendationRow>();
        var features = new List<UserFeaturesRow>();
        var popularity = new List<ItemPopularityRow>();
        var erased = new List<string>();
        var watermarks = new List<ErasureWatermarkRow>();
        var events = new List<EngagementEventRow>();
        var positions = new Dictionary<(string, int), long>();
        var clock = Stopwatch.StartNew();
        void ForgetIfRevoked()
        {
            // The eager assignor revokes every partition. What was read before is re-read from the last commit by the
            // partitions' next owner; written late, it could undo what that owner mirrored since (an erased user's list).
            if (_revoked)
            {
                _revoked = false;
                recommendations.Clear();
                features.Clear();
                popularity.Clear();
                erased.Clear();
                watermarks.Clear();
                events.Clear();
                positions.Clear();
            }
        }

        // The remaining time is read once per round: a second read of the clock could go negative, which
        // librdkafka would take as "wait forever".
        for (var remaining = _options.MaxBatchDelay; remaining > TimeSpan.Zero && !cancellationToken.IsCancellationRequested; remaining = _options.MaxBatchDelay - clock.Elapsed)
        {
            ConsumeResult<byte[], byte[]?>? record;
            try
            {
                record = Interlocked.Exchange(ref _held, null) ?? _consumer.Consume(remaining);
            }
            catch (ConsumeException e) when (e.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic)
            {
                // The changelog appears when the streams application first starts; until then there is nothing in it to mirror.
                continue;
            }

            ForgetIfRevoked();
            if (record is null)
            {
                break;
            }

            if (!TryToRows(record, out var rows))
            {
                // The consents table is not readable yet: the record waits for the next batch.
                _held = record;
                if (positions.Count == 0)
                {
                    Thread.Sleep(_options.MaxBatchDelay);
                }

                break;
            }

            if (recommendations.Count + features.Count + popularity.Count + erased.Count + watermarks.Count + events.Count + rows.Count > _options.MaxBatchRows
                && positions.Count > 0)
            {
                _held = record;
                break;
            }

            if (rows.Event is { } engagement)
            {
                events.Add(engagement);
            }

            if (rows.Recommendation is { } recommendation)
            {
                recommendations.Add(recommendation);
            }

            if (rows.Features is { } profile)
            {
                features.Add(profile);
            }

            if (rows.ErasedUser is { } user)
            {
                // The deletes run before the batch's upserts, so the user's earlier rows in this batch must go.
                recommendations.RemoveAll(r => r.UserId == user);
                features.RemoveAll(f => f.UserId == user);
                events.RemoveAll(v => v.UserId == user);
                erased.Add(user);
                if (_history is not null)
                {
                    watermarks.Add(new ErasureWatermarkRow(_history.Hash.Of(user), DateTimeOffset.FromUnixTimeMilliseconds(record.Message.Timestamp.UnixTimestampMs)));
                }
            }

            popularity.AddRange(rows.Windows);
            positions[(record.Topic, record.Partition.Value)] = record.Offset.Value;
        }

        ForgetIfRevoked();
        return new SinkBatch
        {
            Recommendations = recommendations,
            UserFeatures = features,
            ItemPopularity = popularity,
            ErasedUsers = erased,
            ErasureWatermarks = watermarks,
            EngagementEvents = events,
            Positions = [.. positions.Select(p => new SourcePosition(p.Key.Item1, p.Key.Item2, p.Value))],
        };
    }

    /// <summary>False when the record's rows cannot be known yet (an event whose user's consent is not readable).</summary>
    private bool TryToRows(ConsumeResult<byte[], byte[]?> record, out MirroredRows rows)
    {
        if (record.Topic != RecoTopics.EngagementEvents || _history is null)
        {
            rows = ToRows(record);
            return true;
        }

        rows = MirroredRows.None;
        if (record.Message.Value is not { } value || !TryDecode(record, value, out var e))
        {
            return true;
        }

        try
        {
            if (_history.AllowsPersonalisation(e.UserId))
            {
                rows = MirroredRows.None with { Event = MirrorRowMapper.ToRow(e) with { UserIdHash = _history.Hash.Of(e.UserId) } };
            }

            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private bool TryDecode(ConsumeResult<byte[], byte[]?> record, byte[] value, out Processors.Domain.EngagementEvent e)
    {
        try
        {
            e = _events.Deserialize(value, new SerdeContext(record.Topic, IsKey: false));
            return true;
        }
        catch (Exception ex) when (ex is Avro.AvroException or SerializationException or FormatException or ArgumentException)
        {
            // The topology sent it to the dead-letter topic; it is no history.
            _logger.LogWarning("Mirror skipped undecodable event {Topic}[{Partition}]@{Offset}", record.Topic, record.Partition.Value, record.Offset.Value);
            e = null!;
            return false;
        }
    }

    private MirroredRows ToRows(ConsumeResult<byte[], byte[]?> record)
    {
        if (record.Message.Value is not { } value)
        {
            // A user's list or profile tombstone erases the user's rows; other tombstones carry nothing to mirror.
            return record.Topic != _itemStatsTopic && record.Message.Key is { Length: > 0 } key
                ? MirroredRows.None with { ErasedUser = Encoding.UTF8.GetString(key) }
                : MirroredRows.None;
        }

        try
        {
            if (record.Topic == _itemStatsTopic)
            {
                return new MirroredRows(null, null, [.. MirrorRowMapper.ToRows(_itemStats.Deserialize(value))]);
            }

            return record.Topic == _profilesTopic
                ? new MirroredRows(null, MirrorRowMapper.ToRow(_profiles.Deserialize(value, new SerdeContext(record.Topic, IsKey: false)), _options.AffinityHalfLife), [])
                : new MirroredRows(MirrorRowMapper.ToRow(_recommendations.Deserialize(value)), null, []);
        }
        catch (Exception e) when (e is Avro.AvroException or SerializationException)
        {
            // The mirror is a read model, not the system of record: one undecodable record must not stop it.
            _logger.LogError(e, "Mirror skipped undecodable record {Topic}[{Partition}]@{Offset}", record.Topic, record.Partition.Value, record.Offset.Value);
            return MirroredRows.None;
        }
    }

    private static string Describe(IEnumerable<TopicPartition> partitions) =>
        string.Join(' ', partitions.GroupBy(p => p.Topic).Select(t => $"{t.Key}[{string.Join(',', t.Select(p => p.Partition.Value))}]"));

    private readonly record struct MirroredRows(RecommendationRow? Recommendation, UserFeaturesRow? Features, IReadOnlyList<ItemPopularityRow> Windows)
    {
        public static MirroredRows None => new(null, null, []);

        public string? ErasedUser { get; init; }

        public EngagementEventRow? Event { get; init; }

        // An erased user counts twice: the deletes and the watermark.
        public int Count => (Recommendation is null ? 0 : 1) + (Features is null ? 0 : 1) + (ErasedUser is null ? 0 : 2) + (Event is null ? 0 : 1) + Windows.Count;
    }
}
