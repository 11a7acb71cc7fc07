using RecoStreams.Hosting.Health;
using RecoStreams.Streams.Kafka.Application;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// Ready when the streams application is Running: the group is stable and every local store is
/// restored. While it rebalances or restores, queries could miss data, so the instance is not ready.
/// </summary>
public sealed class StreamsReadiness(KafkaStreams streams) : IReadinessSignal
{
    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(streams.State == KafkaStreamsState.Running
            ? ReadinessResult.Ready("streams running, stores restored")
            : ReadinessResult.NotReady($"streams {streams.State}"));
}
