using System.Text;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Catalog;

/// <summary>
/// Produces catalog items to catalog-items: key = item id (UTF-8, murmur2-partitioned like Java clients
/// and the topology's own producers), value = CatalogItem in the Confluent wire format, null = removed.
/// Delivery is asynchronous; <see cref="Flush"/> waits for every record and fails if any was lost.
/// </summary>
public sealed class CatalogPublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]?> _producer;
    private readonly ConfluentAvroSerializer<CatalogItem> _serializer;
    private readonly string _topic;
    private readonly Action<DeliveryReport<byte[], byte[]?>> _onDelivery;
    private Error? _firstError;
    private long _delivered;

    private CatalogPublisher(IProducer<byte[], byte[]?> producer, ConfluentAvroSerializer<CatalogItem> serializer, string topic)
    {
        _producer = producer;
        _serializer = serializer;
        _topic = topic;
        _onDelivery = OnDelivery;
    }

    /// <summary>Records acknowledged by the brokers so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Connects a producer and registers (or looks up) the CatalogItem schema up front, so a registry problem fails before any record is sent.</summary>
    public static async Task<CatalogPublisher> CreateAsync(
        string bootstrapServers, ISchemaRegistryClient registry, string topic = RecoTopics.CatalogItems, CancellationToken cancellationToken = default)
    {
        var serializer = new ConfluentAvroSerializer<CatalogItem>(CatalogItemContract.Instance, registry);
        await serializer.PrepareAsync(topic, isKey: false, cancellationToken);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "recostreams-catalog",
            Acks = Acks.All,
            // Idempotence keeps a retried batch from duplicating or reordering items of one key.
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 20,
        };
        return new CatalogPublisher(new ProducerBuilder<byte[], byte[]?>(config).Build(), serializer, topic);
    }

    public void Publish(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Send(item.ItemId, _serializer.Serialize(item, _topic, isKey: false));
    }

    /// <summary>A tombstone: the compacted topic forgets the item and the catalog table drops it.</summary>
    public void PublishTombstone(string itemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        Send(itemId, null);
    }

    /// <summary>Waits for every record sent so far; throws if any could not be delivered.</summary>
    public void Flush(TimeSpan timeout)
    {
        if (_producer.Flush(timeout) > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"{_producer.Flush(TimeSpan.Zero)} catalog records still undelivered after {timeout}."));
        }

        if (Interlocked.Exchange(ref _firstError, null) is { } error)
        {
            throw new KafkaException(error);
        }
    }

    public void Dispose() => _producer.Dispose();

    private void Send(string itemId, byte[]? value)
    {
        var message = new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(itemId), Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure from a large file: let deliveries drain the local queue, then retry.
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error, null);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
