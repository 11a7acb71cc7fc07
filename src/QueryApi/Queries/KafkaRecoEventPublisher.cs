using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Backfill;
using RecoStreams.Ingestion;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Refresh requests, feedback and posted events on one <see cref="UserKeyedProducer"/>, so each lands in the
/// partition the user's stores use.
/// </summary>
public sealed class KafkaRecoEventPublisher : IRecoEventPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly RecoTopics _topics;
    private readonly ConfluentAvroSerializer<RecommendationFeedback> _feedbackSerializer;
    private readonly ISerde<Processors.Domain.EngagementEvent> _events;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <param name="clientLog">Where librdkafka's log lines go (see <c>KafkaClientOptions.ClientLog</c>); null = stderr.</param>
    public KafkaRecoEventPublisher(StreamsOptions streams, RecoTopics topics, ISchemaRegistryClient registry, TimeProvider time, Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _topics = topics;
        _time = time;
        _feedbackSerializer = new ConfluentAvroSerializer<RecommendationFeedback>(RecommendationFeedbackContract.Instance, registry);
        _events = InputSerdes.EngagementEvents(registry);
        _producer = UserKeyedProducer.Build(UserKeyedProducer.Config(streams.BootstrapServers, streams.ApplicationId + "-query-api-producer"), clientLog);
    }

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(_topics.RefreshRequests, KafkaRefreshPublisher.Message(_topics.RefreshRequests, userId, _time.GetUtcNow()), cancellationToken);

    public async Task PublishFeedbackAsync(RecommendationFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        const string topic = RecoTopics.RecommendationFeedback;
        var value = await _feedbackSerializer.SerializeAsync(feedback, topic, isKey: false, cancellationToken);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = feedback.UserId, Value = value }, cancellationToken);
    }

    public async Task PublishEventsAsync(IReadOnlyList<Processors.Domain.EngagementEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var context = new SerdeContext(RecoTopics.EngagementEvents, IsKey: false);
        // Keyed by user id with murmur2: the partition whose task holds the user and that queries are routed to.
        await Task.WhenAll(events.Select(e => _producer.ProduceAsync(
            RecoTopics.EngagementEvents, new Message<string, byte[]> { Key = e.UserId, Value = _events.Serialize(e, context) }, cancellationToken)));
    }

    public void Dispose()
    {
        // The container owns this instance twice (as the event and as the refresh publisher) and disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Deliver what is in flight before the process goes; a short bound keeps shutdown prompt.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
