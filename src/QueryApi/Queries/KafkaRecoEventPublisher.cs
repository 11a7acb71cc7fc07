using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// One idempotent Confluent producer on the application's bootstrap servers. Keys are user ids hashed with
/// murmur2 (not librdkafka's default CRC32) so refresh requests and feedback land in the partition the
/// user's events and stores use.
/// </summary>
public sealed class KafkaRecoEventPublisher : IRecoEventPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly RecoTopics _topics;
    private readonly RefreshRequestSerde _refreshSerde = new();
    private readonly ConfluentAvroSerializer<RecommendationFeedback> _feedbackSerializer;
    private readonly TimeProvider _time;

    public KafkaRecoEventPublisher(StreamsOptions streams, RecoTopics topics, ISchemaRegistryClient registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _topics = topics;
        _time = time;
        _feedbackSerializer = new ConfluentAvroSerializer<RecommendationFeedback>(RecommendationFeedbackContract.Instance, registry);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = streams.BootstrapServers,
            ClientId = streams.ApplicationId + "-query-api-producer",
            Partitioner = Partitioner.Murmur2Random,
            EnableIdempotence = true,
            Acks = Acks.All,
            // A request thread waits for the delivery report: fail within an HTTP-friendly time.
            MessageTimeoutMs = 10_000,
        }).Build();
    }

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken)
    {
        var topic = _topics.RefreshRequests;
        var value = _refreshSerde.Serialize(new RefreshRequest(userId, _time.GetUtcNow()), new SerdeContext(topic, IsKey: false));
        return _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = userId, Value = value }, cancellationToken);
    }

    public async Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        const string topic = RecoTopics.RecommendationFeedback;
        var value = await _feedbackSerializer.SerializeAsync(feedback, topic, isKey: false, cancellationToken);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = feedback.UserId, Value = value }, cancellationToken);
    }

    public void Dispose()
    {
        // Deliver what is in flight before the process goes; a short bound keeps shutdown prompt.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
