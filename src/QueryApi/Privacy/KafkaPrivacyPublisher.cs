using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;

namespace RecoStreams.QueryApi.Privacy;

/// <summary>
/// Erase requests and consents on an idempotent user-keyed producer (murmur2, as the events): an erase lands
/// in the partition of the task that holds the user, whichever instance took the HTTP call.
/// </summary>
public sealed class KafkaPrivacyPublisher : IPrivacyPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly RecoTopics _topics;
    private readonly ConfluentAvroSerializer<Consent> _consents;
    private readonly EraseRequestSerde _erasures = new();

    public KafkaPrivacyPublisher(StreamsOptions streams, RecoTopics topics, ISchemaRegistryClient registry, Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _topics = topics;
        _consents = new ConfluentAvroSerializer<Consent>(ConsentContract.Instance, registry);
        _producer = UserKeyedProducer.Build(UserKeyedProducer.Config(streams.BootstrapServers, streams.ApplicationId + "-privacy-producer"), clientLog);
    }

    public Task PublishEraseAsync(EraseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var topic = _topics.EraseRequests;
        var value = _erasures.Serialize(request, new SerdeContext(topic, IsKey: false));
        return _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = request.UserId, Value = value }, cancellationToken);
    }

    public async Task PublishConsentAsync(ConsentRecord consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var topic = _topics.Consents;
        var value = await _consents.SerializeAsync(PrivacyMappers.ToContract(consent), topic, isKey: false, cancellationToken);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = consent.UserId, Value = value }, cancellationToken);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
