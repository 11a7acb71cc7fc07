using Confluent.Kafka;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Ingestion;
using RecoStreams.Processors.Experiments;
using RecoStreams.Streams;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Writes exposures to recommendation-served as RecommendationServed (Avro, Confluent wire format, the
/// registered contract), keyed by user with murmur2 so they land in the partition the user's feedback does. No
/// header: attribution tells the exposure of a list served outside any experiment by the request id at the start of
/// its value (<see cref="ServedRecords"/>) and passes it over unread. Each exposure is encoded straight from the domain record
/// (<see cref="ExposureContract"/>) with the schema id looked up once; after that a read may write its own
/// (<see cref="TryWrite"/>). The producer is never awaited: it batches for <see cref="ExposureWriterOptions.Linger"/> and copies nothing back into its
/// delivery reports (only the error is read, to count lost exposures).
/// </summary>
public sealed class KafkaExposureSink : IExposureSink, IDisposable
{
    // Only read: Confluent makes an empty header list of its own for a message without any, which this instance saves.
    private static readonly Headers None = [];

    private readonly IProducer<string, byte[]> _producer;
    private readonly ConfluentAvroSerializer<Exposure> _served;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private long _lost;

    // The registered schema's id once the first batch looked it up; NoSchemaId before. An int, so a read on a request
    // thread never sees half of it.
    private const int NoSchemaId = -1;
    private int _schemaId = NoSchemaId;

    /// <param name="linger">How long the producer gathers a batch; null = <see cref="ExposureWriterOptions.Linger"/>'s default.</param>
    /// <param name="clientLog">Where librdkafka's log lines go; null = stderr.</param>
    public KafkaExposureSink(StreamsOptions streams, ISchemaRegistryClient registry, TimeSpan? linger = null, Action<LogMessage>? clientLog = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        _served = new ConfluentAvroSerializer<Exposure>(ExposureContract.Instance, registry);
        _producer = UserKeyedProducer.Build(ProducerConfig(streams, linger ?? new ExposureWriterOptions().Linger), clientLog);
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _lost);
            }
        };
    }

    /// <summary>The exposure producer's settings (bench `exposure-producer` prices each against its alternatives).</summary>
    public static ProducerConfig ProducerConfig(StreamsOptions streams, TimeSpan linger)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var config = UserKeyedProducer.Config(streams.BootstrapServers, streams.ApplicationId + "-exposure-producer");
        config.LingerMs = linger.TotalMilliseconds;
        config.DeliveryReportFields = "none";
        // Not compressed: lz4 cost the producing host 0.1-0.5 µs per exposure (bench `exposure-producer`), up to a fifth of
        // the producer's share, for fewer bytes on the broker (docs/benchmarks.md, #18 session 10).
        config.CompressionType = CompressionType.None;
        return config;
    }

    /// <summary>Exposures produced but not delivered (delivery error, or the producer's own queue full).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public async ValueTask WriteAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var schemaId = Volatile.Read(ref _schemaId);
        if (schemaId == NoSchemaId)
        {
            schemaId = await _served.PrepareAsync(RecoTopics.RecommendationServed, isKey: false, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _schemaId, schemaId);
        }

        foreach (var exposure in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Produce(exposure, schemaId);
        }
    }

    public bool TryWrite(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        var schemaId = Volatile.Read(ref _schemaId);
        if (schemaId == NoSchemaId)
        {
            return false;
        }

        Produce(exposure, schemaId);
        return true;
    }

    private void Produce(Exposure exposure, int schemaId)
    {
        var value = _served.Serialize(exposure, schemaId);
        try
        {
            var message = new Message<string, byte[]>
            {
                Key = exposure.UserId,
                Value = value,
                Headers = None,
            };
            _producer.Produce(RecoTopics.RecommendationServed, message, _onDelivery);
        }
        catch (ProduceException<string, byte[]>)
        {
            // The producer's queue is full (broker unreachable for a while): counted as lost, the next ones are still
            // tried. Never blocks: a full queue throws.
            Interlocked.Increment(ref _lost);
        }
    }

    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
