using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoStreams.Avro.Registry;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Experiments on an idempotent producer that is awaited; exposures through an <see cref="ExposureWriter"/>
/// to a <see cref="KafkaExposureSink"/> of their own, so a read only queues its exposure. Disposing stops the
/// writer (accepted exposures are written and flushed) before the producers close.
/// </summary>
public sealed class KafkaExperimentEvents : IExperimentEvents, IAsyncDisposable, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly RecoTopics _topics;
    private readonly ExperimentSerde _experiments = new();
    private readonly KafkaExposureSink? _exposureSink;
    private readonly ExposureWriter? _exposureWriter;

    /// <param name="logExposures"><see cref="Processors.Options.ExperimentOptions.LogExposures"/>: false queues nothing.</param>
    /// <param name="writer">The exposure writer's queue; null = <see cref="ExposureWriterOptions"/>' defaults.</param>
    /// <param name="logger">Where the exposure writer reports failed batches.</param>
    /// <param name="clientLog">Where librdkafka's log lines go; null = stderr.</param>
    public KafkaExperimentEvents(
        StreamsOptions streams,
        RecoTopics topics,
        ISchemaRegistryClient registry,
        bool logExposures = true,
        ExposureWriterOptions? writer = null,
        ILogger? logger = null,
        Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _topics = topics;
        _producer = UserKeyedProducer.Build(UserKeyedProducer.Config(streams.BootstrapServers, streams.ApplicationId + "-experiment-producer"), clientLog);
        if (logExposures)
        {
            writer ??= new ExposureWriterOptions();
            _exposureSink = new KafkaExposureSink(streams, registry, writer.Linger, clientLog);
            _exposureWriter = new ExposureWriter(_exposureSink, writer, logger);
        }
    }

    public long ExposuresLost => (_exposureSink?.Lost ?? 0) + (_exposureWriter?.Failed ?? 0);

    public long ExposuresDropped => _exposureWriter?.Dropped ?? 0;

    public async Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var value = _experiments.Serialize(experiment, new SerdeContext(_topics.Experiments, IsKey: false));
        await _producer.ProduceAsync(_topics.Experiments, new Message<string, byte[]> { Key = experiment.Id, Value = value }, cancellationToken);
    }

    public void QueueExposure(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        _exposureWriter?.TryQueue(exposure);
    }

    public async ValueTask DisposeAsync()
    {
        // A producer disposed under a Produce still running on the writer's loop aborts the process (librdkafka):
        // a sink the writer could not get out of is left undisposed.
        if (_exposureWriter is null || await _exposureWriter.StopAsync())
        {
            _exposureSink?.Dispose();
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
