using Confluent.Kafka;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;

namespace RecoStreams.Backfill;

/// <summary>Refresh requests from outside a running instance (the backfill verb): a producer and nothing else.</summary>
public sealed class KafkaRefreshPublisher(string bootstrapServers, RecoTopics topics, TimeProvider time) : IRefreshPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer =
        UserKeyedProducer.Build(UserKeyedProducer.Config(bootstrapServers, topics.ApplicationId + "-backfill"), clientLog: null);

    /// <summary>The refresh-request record of <paramref name="userId"/>, as the by-user subtopology reads it.</summary>
    public static Message<string, byte[]> Message(string topic, string userId, DateTimeOffset at) => new()
    {
        Key = userId,
        Value = new RefreshRequestSerde().Serialize(new RefreshRequest(userId, at), new SerdeContext(topic, IsKey: false)),
    };

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(topics.RefreshRequests, Message(topics.RefreshRequests, userId, time.GetUtcNow()), cancellationToken);

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
