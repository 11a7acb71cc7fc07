using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>
/// Produces the scenario catalog and engagement events to a mock cluster, through the cluster's _schemas
/// registry log as an instance reads it: valid views, replayed duplicates, and malformed records of both
/// kinds (bytes that are not Avro, and an event the validator rejects).
/// </summary>
internal sealed class EngagementTraffic : IDisposable
{
    private readonly KafkaSchemaStore _schemaLog;
    private readonly ISerde<EngagementEvent> _events;
    private readonly ISerde<CatalogItem> _catalog;
    private readonly IProducer<string, byte[]> _producer;

    private EngagementTraffic(KafkaSchemaStore schemaLog, EmbeddedSchemaRegistry registry, string bootstrapServers)
    {
        _schemaLog = schemaLog;
        _events = InputSerdes.EngagementEvents(registry);
        _catalog = InputSerdes.CatalogItems(registry);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 1,
        }).Build();
    }

    public static async Task<EngagementTraffic> OpenAsync(EmbeddedKafka cluster)
    {
        var schemaLog = new KafkaSchemaStore(new KafkaSchemaStoreOptions { BootstrapServers = cluster.BootstrapServers, Topic = RecoTopics.Schemas });
        var registry = await EmbeddedSchemaRegistry.OpenAsync(schemaLog, CancellationToken.None);
        return new EngagementTraffic(schemaLog, registry, cluster.BootstrapServers);
    }

    public void ProduceCatalog()
    {
        foreach (var item in Catalog)
        {
            Produce(RecoTopics.CatalogItems, item.ItemId, _catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)));
        }

        Flush();
    }

    /// <summary>Three views per user (each sent twice: the replay is a duplicate), at real times a few minutes ago.</summary>
    public void ProduceViews(IEnumerable<string> users)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var u = 0;
        foreach (var user in users)
        {
            for (var k = 0; k < 3; k++)
            {
                var e = View(user, Catalog[(u + k) % Catalog.Count].ItemId, start.AddSeconds(u + k));
                var bytes = Serialize(e);
                Produce(RecoTopics.EngagementEvents, user, bytes);
                Produce(RecoTopics.EngagementEvents, user, bytes);
            }

            u++;
        }

        Flush();
    }

    /// <summary>One record that is not Avro and one rating outside 0.5..5 per user; both end in the DLQ.</summary>
    public void ProduceMalformed(IEnumerable<string> users)
    {
        foreach (var user in users)
        {
            Produce(RecoTopics.EngagementEvents, user, [0x00, 0x00, 0x00, 0x7f, 0xff, 0x13]);
            Produce(RecoTopics.EngagementEvents, user, Serialize(View(user, Catalog[0].ItemId, DateTimeOffset.UtcNow.AddMinutes(-1), EventType.Rating, rating: 9)));
        }

        Flush();
    }

    public void Dispose()
    {
        _producer.Dispose();
        _schemaLog.Dispose();
    }

    private byte[] Serialize(EngagementEvent e) => _events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false));

    private void Produce(string topic, string key, byte[] value) =>
        _producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });

    private void Flush()
    {
        if (_producer.Flush(TimeSpan.FromSeconds(10)) != 0)
        {
            throw new TimeoutException("Producing did not complete within 10 s.");
        }
    }
}
