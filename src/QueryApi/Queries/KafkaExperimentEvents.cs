using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Idempotent producers for experiments and exposures. Exposures are keyed by user with murmur2, so they
/// land in the partition the user's feedback does; they have a producer of their own that is never awaited,
/// batches for <see cref="ExposureLingerMs"/> and copies nothing back into its delivery reports (only the
/// error is read, to count lost exposures).
/// </summary>
public sealed class KafkaExperimentEvents : IExperimentEvents, IDisposable
{
    /// <summary>How long exposures wait to fill a batch: they are never awaited, so only the feedback join notices.</summary>
    public const int ExposureLingerMs = 20;

    private readonly IProducer<string, byte[]> _producer;
    private readonly IProducer<string, byte[]> _exposureProducer;
    private readonly RecoTopics _topics;
    private readonly ConfluentAvroSerializer<RecommendationServed> _served;
    private readonly ExperimentSerde _experiments = new();
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private readonly bool _logExposures;
    private long _lost;

    /// <param name="logExposures"><see cref="Processors.Options.ExperimentOptions.LogExposures"/>.</param>
    /// <param name="clientLog">Where librdkafka's log lines go; null = stderr.</param>
    public KafkaExperimentEvents(
        StreamsOptions streams, RecoTopics topics, ISchemaRegistryClient registry, bool logExposures = true, Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _topics = topics;
        _logExposures = logExposures;
        _served = new ConfluentAvroSerializer<RecommendationServed>(RecommendationServedContract.Instance, registry);
        _producer = Build(KafkaRecoEventPublisher.UserKeyedProducerConfig(streams.BootstrapServers, streams.ApplicationId + "-experiment-producer"), clientLog);
        var exposureConfig = KafkaRecoEventPublisher.UserKeyedProducerConfig(streams.BootstrapServers, streams.ApplicationId + "-exposure-producer");
        exposureConfig.LingerMs = ExposureLingerMs;
        exposureConfig.DeliveryReportFields = "none";
        _exposureProducer = Build(exposureConfig, clientLog);
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _lost);
            }
        };
    }

    public long ExposuresLost => Interlocked.Read(ref _lost);

    public async Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var value = _experiments.Serialize(experiment, new SerdeContext(_topics.Experiments, IsKey: false));
        await _producer.ProduceAsync(_topics.Experiments, new Message<string, byte[]> { Key = experiment.Id, Value = value }, cancellationToken);
    }

    public async ValueTask PublishExposureAsync(Exposure exposure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        if (!_logExposures)
        {
            return;
        }

        const string topic = RecoTopics.RecommendationServed;
        var value = await _served.SerializeAsync(ExposureMapper.ToContract(exposure), topic, isKey: false, cancellationToken);
        try
        {
            _exposureProducer.Produce(topic, new Message<string, byte[]> { Key = exposure.UserId, Value = value }, _onDelivery);
        }
        catch (ProduceException<string, byte[]>)
        {
            // The local queue is full (broker unreachable for a while): the list is still served, the exposure is counted as lost.
            Interlocked.Increment(ref _lost);
        }
    }

    public void Dispose()
    {
        _exposureProducer.Flush(TimeSpan.FromSeconds(5));
        _exposureProducer.Dispose();
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private static IProducer<string, byte[]> Build(ProducerConfig config, Action<LogMessage>? clientLog)
    {
        var builder = new ProducerBuilder<string, byte[]>(config);
        return (clientLog is null ? builder : builder.SetLogHandler((_, message) => clientLog(message))).Build();
    }
}
