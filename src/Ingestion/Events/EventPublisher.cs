using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.Ingestion.Events;

/// <summary>
/// Produces engagement events to engagement-events as the topology reads them: key = user id (murmur2, the
/// partition the router looks in), value = EngagementEvent Avro in the Confluent wire format.
/// </summary>
public sealed class EventPublisher : IDisposable
{
    private readonly KeyedRecordProducer _producer;
    private readonly ISerde<EngagementEvent> _serde;
    private readonly SerdeContext _context = new(RecoTopics.EngagementEvents, IsKey: false);

    private EventPublisher(KeyedRecordProducer producer, ISerde<EngagementEvent> serde)
    {
        _producer = producer;
        _serde = serde;
    }

    public long Delivered => _producer.Delivered;

    /// <summary>Registers (or looks up) the EngagementEvent schema first, so a registry problem fails before any record is sent.</summary>
    public static async Task<EventPublisher> CreateAsync(string bootstrapServers, ISchemaRegistryClient registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        await new Avro.WireFormat.ConfluentAvroSerializer<Avro.Contracts.EngagementEvent>(Avro.Contracts.EngagementEventContract.Instance, registry)
            .PrepareAsync(RecoTopics.EngagementEvents, isKey: false, cancellationToken);
        return new EventPublisher(KeyedRecordProducer.Connect(bootstrapServers, "recostreams-events"), InputSerdes.EngagementEvents(registry));
    }

    public void Publish(EngagementEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _producer.Send(RecoTopics.EngagementEvents, e.UserId, _serde.Serialize(e, _context));
    }

    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
