using Confluent.Kafka;
using RecoStreams.QueryApi.Kafka;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Backfill;

/// <summary>Refresh requests from outside a running instance (the backfill verb): a producer and nothing else.</summary>
public sealed class KafkaRefreshPublisher(string bootstrapServers, RecoTopics topics, TimeProvider time) : IRefreshPublisher, IDisposable
{
    private readonly IProducer<string, byte[]> _producer =
        UserKeyedProducer.Build(UserKeyedProducer.Config(bootstrapServers, topics.ApplicationId + "-backfill"), clientLog: null);

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(topics.RefreshRequests, KafkaRecoEventPublisher.RefreshMessage(topics.RefreshRequests, userId, time.GetUtcNow()), cancellationToken);

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
