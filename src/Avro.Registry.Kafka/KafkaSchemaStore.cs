using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Avro.Registry.Kafka;

/// <summary>
/// An <see cref="ISchemaStore"/> on a compacted Kafka topic, the way Confluent's registry keeps its
/// <c>_schemas</c> log, so every instance of the app sees one registry. Appends go to partition 0
/// only (order is the registry's history) with acks=all and an idempotent producer, and complete
/// when the broker has acknowledged them. Reads run from the beginning to the high watermark seen
/// when the read starts. Several writers may append at once: the registry settles their races by log order.
/// </summary>
public sealed class KafkaSchemaStore : ISchemaStore, IDisposable
{
    private readonly KafkaSchemaStoreOptions _options;
    private readonly TopicPartition _partition;
    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _watermarks;

    public KafkaSchemaStore(KafkaSchemaStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Topic);
        LibrdkafkaLoader.EnsureLoaded();
        _options = options;
        _partition = new TopicPartition(options.Topic, 0);
        _producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            // Registrations are rare and each waits for its acknowledgement: batching would only add latency.
            LingerMs = 0,
            MessageTimeoutMs = (int)options.Timeout.TotalMilliseconds,
        }).Build();
        // Kept open: an id this instance does not know asks for the end of the log, which must not cost a new client.
        _watermarks = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            // librdkafka wants a group id even for a consumer that only asks for watermarks; nothing is committed.
            GroupId = options.Topic + "-reader",
            EnableAutoCommit = false,
            // Under read_uncommitted the high watermark is the end of what has been acknowledged.
            IsolationLevel = IsolationLevel.ReadUncommitted,
        }).Build();
    }

    /// <inheritdoc />
    public async Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = new Message<string, string>
        {
            Key = SchemaRecordKey.Of(record),
            Value = JsonSerializer.Serialize(record, SchemaRecordJson.Default.SchemaRegistryRecord),
        };
        // The task completes on the delivery report, i.e. once all in-sync replicas have the record.
        var delivery = await _producer.ProduceAsync(_partition, message, cancellationToken).ConfigureAwait(false);
        if (delivery.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"schema record to {_partition} ended {delivery.Status}"));
        }
    }

    /// <inheritdoc />
    /// <remarks>A tombstone under the lost record's own key (<see cref="SchemaRecordKey"/>): compaction removes both.</remarks>
    public async Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lost);
        var delivery = await _producer.ProduceAsync(_partition, new Message<string, string> { Key = SchemaRecordKey.Of(lost), Value = null! }, cancellationToken)
            .ConfigureAwait(false);
        if (delivery.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"schema tombstone to {_partition} ended {delivery.Status}"));
        }
    }

    /// <inheritdoc />
    public Task<long> EndAsync(CancellationToken cancellationToken = default) =>
        // The high watermark only grows (compaction leaves it alone) and includes every acknowledged append.
        Task.Run(() => _watermarks.QueryWatermarkOffsets(_partition, _options.Timeout).High.Value, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The consumer API blocks; keep it off the caller's thread.
        var records = await Task.Run(() => ReadToHighWatermark(cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    public void Dispose()
    {
        _producer.Flush(_options.Timeout);
        _producer.Dispose();
        _watermarks.Dispose();
    }

    private List<SchemaRegistryRecord> ReadToHighWatermark(CancellationToken cancellationToken)
    {
        var records = new List<SchemaRegistryRecord>();
        // Compaction leaves gaps in offsets, so the reader stops at the start's end, not on a count.
        TopicReadToEnd.Read<Ignore>(
            _options.BootstrapServers,
            _options.Topic + "-reader",
            [new TopicPartitionOffset(_partition, Offset.Beginning)],
            // Under read_uncommitted the end is the high watermark: everything acknowledged, as appends wait for.
            IsolationLevel.ReadUncommitted,
            _options.Timeout,
            consumed =>
            {
                if (consumed.Message.Value is { } value)
                {
                    records.Add(Parse(Encoding.UTF8.GetString(value), consumed.Offset.Value));
                }
            },
            cancellationToken);
        return records;
    }

    private SchemaRegistryRecord Parse(string value, long offset)
    {
        try
        {
            return JsonSerializer.Deserialize(value, SchemaRecordJson.Default.SchemaRegistryRecord)
                ?? throw new InvalidDataException($"{_partition} offset {offset} holds a null schema registry record");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{_partition} offset {offset} is not a schema registry record: {e.Message}", e);
        }
    }
}
