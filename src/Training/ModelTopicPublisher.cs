using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;

namespace RecoStreams.Training;

/// <summary>
/// Writes model versions to the compacted models topic (manifest, one record per item's neighbour list,
/// the activation) and the training audit events. One idempotent producer with acks=all: records of one
/// job reach the single-partition models topic in the order written, so every instance reads a version's
/// artefact before the activation that names it.
/// </summary>
public sealed class ModelTopicPublisher : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly ModelRecordSerde _serde = new();
    private readonly ConfluentAvroSerializer<ModelTrainingStarted> _started;
    private readonly ConfluentAvroSerializer<ModelTrainingCompleted> _completed;

    public ModelTopicPublisher(string bootstrapServers, RecoTopics topics, ISchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _topic = topics.Models;
        _started = new ConfluentAvroSerializer<ModelTrainingStarted>(ModelTrainingStartedContract.Instance, registry);
        _completed = new ConfluentAvroSerializer<ModelTrainingCompleted>(ModelTrainingCompletedContract.Instance, registry);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = topics.ApplicationId + "-models-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        }).Build();
    }

    public Task PublishManifestAsync(ModelVersion version, CancellationToken cancellationToken) =>
        ProduceAsync(ModelRecordKeys.Manifest(version.Id), new ModelManifestRecord(version), cancellationToken);

    /// <summary>Every item's neighbour list of <paramref name="versionId"/>; returns once all are acknowledged.</summary>
    public async Task PublishArtefactAsync(string versionId, IEnumerable<ModelNeighboursRecord> lists, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (var list in lists)
        {
            pending.Add(ProduceAsync(ModelRecordKeys.Neighbours(versionId, list.ItemId), list, cancellationToken));
        }

        await Task.WhenAll(pending);
    }

    public Task PublishActivationAsync(ModelActivation activation, CancellationToken cancellationToken) =>
        ProduceAsync(ModelRecordKeys.Active, new ModelActivationRecord(activation), cancellationToken);

    /// <summary>Tombstones <paramref name="keys"/>, so compaction forgets them; returns once all are acknowledged.</summary>
    public async Task PublishTombstonesAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (var key in keys)
        {
            pending.Add(_producer.ProduceAsync(_topic, new Message<string, byte[]> { Key = key, Value = null! }, cancellationToken));
        }

        await Task.WhenAll(pending);
    }

    public async Task PublishStartedAsync(ModelTrainingStarted started, CancellationToken cancellationToken)
    {
        const string topic = RecoTopics.ModelTrainingStarted;
        var value = await _started.SerializeAsync(started, topic, isKey: false, cancellationToken);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = started.ModelVersion, Value = value }, cancellationToken);
    }

    public async Task PublishCompletedAsync(ModelTrainingCompleted completed, CancellationToken cancellationToken)
    {
        const string topic = RecoTopics.ModelTrainingCompleted;
        var value = await _completed.SerializeAsync(completed, topic, isKey: false, cancellationToken);
        await _producer.ProduceAsync(topic, new Message<string, byte[]> { Key = completed.ModelVersion, Value = value }, cancellationToken);
    }

    private Task ProduceAsync(string key, ModelRecord record, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(
            _topic,
            new Message<string, byte[]> { Key = key, Value = _serde.Serialize(record, new SerdeContext(_topic, IsKey: false)) },
            cancellationToken);

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
