using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Topology;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// Produces catalog items to catalog-items: key = item id, value = CatalogItem in the Confluent wire format,
/// null = removed (see <see cref="KeyedRecordProducer"/> for partitioning and delivery).
/// </summary>
public sealed class CatalogPublisher : IDisposable
{
    private readonly KeyedRecordProducer _producer;
    private readonly ConfluentAvroSerializer<CatalogItem> _serializer;
    private readonly string _topic;

    private CatalogPublisher(KeyedRecordProducer producer, ConfluentAvroSerializer<CatalogItem> serializer, string topic)
    {
        _producer = producer;
        _serializer = serializer;
        _topic = topic;
    }

    /// <summary>Records acknowledged by the brokers so far.</summary>
    public long Delivered => _producer.Delivered;

    /// <summary>Registers (or looks up) the CatalogItem schema up front, so a registry problem fails before any record is sent.</summary>
    public static async Task<CatalogPublisher> CreateAsync(
        string bootstrapServers, ISchemaRegistryClient registry, string topic = RecoTopics.CatalogItems, CancellationToken cancellationToken = default)
    {
        var serializer = new ConfluentAvroSerializer<CatalogItem>(CatalogItemContract.Instance, registry);
        await serializer.PrepareAsync(topic, isKey: false, cancellationToken);
        return new CatalogPublisher(KeyedRecordProducer.Connect(bootstrapServers, "recostreams-catalog"), serializer, topic);
    }

    public void Publish(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _producer.Send(_topic, item.ItemId, _serializer.Serialize(item, _topic, isKey: false));
    }

    /// <summary>A tombstone: the compacted topic forgets the item and the catalog table drops it.</summary>
    public void PublishTombstone(string itemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        _producer.Send(_topic, itemId, null);
    }

    /// <summary>Waits for every record sent so far; throws if any could not be delivered.</summary>
    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
