using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Kafka;
using RecoStreams.Streams;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Writes exposures to recommendation-served as RecommendationServed (Avro, Confluent wire format, the
/// registered contract), keyed by user with murmur2 so they land in the partition the user's feedback does. The
/// exposure of a list served outside any experiment carries <see cref="ServedHeaders.OutsideExperiments"/>, so
/// attribution passes it over unread.
/// The producer is never awaited: it batches for <see cref="LingerMs"/> and copies nothing back into its
/// delivery reports (only the error is read, to count lost exposures).
/// </summary>
public sealed class KafkaExposureSink : IExposureSink, IDisposable
{
    /// <summary>
    /// How long exposures wait to fill a batch: they are never awaited, so only the feedback join notices (feedback may
    /// come up to <c>Experiments:ClockSkew</c> before its exposure). Fewer, larger batches cost the host less per exposure
    /// in librdkafka's threads and, on the embedded mock cluster, in the broker.
    /// </summary>
    public const int LingerMs = 100;

    // Only read: the producer copies headers into its own buffer when it enqueues a message.
    private static readonly Headers OutsideExperiments = new() { { ServedHeaders.OutsideExperiments, [] } };

    private readonly IProducer<string, byte[]> _producer;
    private readonly ConfluentAvroSerializer<RecommendationServed> _served;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private long _lost;

    /// <param name="clientLog">Where librdkafka's log lines go; null = stderr.</param>
    public KafkaExposureSink(StreamsOptions streams, ISchemaRegistryClient registry, Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _served = new ConfluentAvroSerializer<RecommendationServed>(RecommendationServedContract.Instance, registry);
        var config = UserKeyedProducer.Config(streams.BootstrapServers, streams.ApplicationId + "-exposure-producer");
        config.LingerMs = LingerMs;
        config.DeliveryReportFields = "none";
        config.CompressionType = CompressionType.Lz4; // exposures repeat item ids: fewer bytes for the broker to copy and store
        _producer = UserKeyedProducer.Build(config, clientLog);
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _lost);
            }
        };
    }

    /// <summary>Exposures produced but not delivered (delivery error, or the producer's own queue full).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public async ValueTask WriteAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        const string topic = RecoTopics.RecommendationServed;
        foreach (var exposure in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = await _served.SerializeAsync(ExposureMapper.ToContract(exposure), topic, isKey: false, cancellationToken).ConfigureAwait(false);
            try
            {
                var message = new Message<string, byte[]>
                {
                    Key = exposure.UserId,
                    Value = value,
                    Headers = exposure.InExperiment ? null : OutsideExperiments,
                };
                _producer.Produce(topic, message, _onDelivery);
            }
            catch (ProduceException<string, byte[]>)
            {
                // The producer's queue is full (broker unreachable for a while): counted as lost, the next ones are still tried.
                Interlocked.Increment(ref _lost);
            }
        }
    }

    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
