using Confluent.Kafka;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>
/// Builds the task for one partition of one subtopology: its processors and stores, its inputs (that
/// partition of every source topic of the subtopology), its state folder and its producer side.
/// </summary>
internal sealed class StreamTaskFactory(
    Topology topology,
    TopologyDescription description,
    StreamsOptions options,
    KafkaClientOptions clientOptions,
    IReadOnlyDictionary<string, IStateStore> globalStores,
    Func<string, int> partitionCountOf,
    ITime clock,
    StreamsTelemetry telemetry)
{
    private readonly Dictionary<string, int> _subtopologyByTopic = description.Subtopologies
        .SelectMany(s => s.AllSourceTopics.Select(t => (Topic: t, s.Id)))
        .ToDictionary(e => e.Topic, e => e.Id, StringComparer.Ordinal);

    private readonly Dictionary<int, IReadOnlyList<string>> _sourcesBySubtopology = description.Subtopologies
        .ToDictionary(s => s.Id, s => (IReadOnlyList<string>)s.AllSourceTopics.ToList());

    public IReadOnlyCollection<string> AllSourceTopics => _subtopologyByTopic.Keys;

    public StreamsTelemetry Telemetry => telemetry;

    public TaskId TaskOf(string topic, int partition) =>
        _subtopologyByTopic.TryGetValue(topic, out var subtopology)
            ? new TaskId(subtopology, partition)
            : throw new StreamsException($"Partition {topic}-{partition} was assigned but no subtopology reads '{topic}'.");

    public IReadOnlyList<(string Topic, int Partition)> InputsOf(TaskId id) =>
        _sourcesBySubtopology[id.Subtopology].Select(t => (t, id.Partition)).ToList();

    /// <param name="sharedProducer">The thread's producer under at-least-once; ignored under exactly-once.</param>
    public ActiveTask Create(TaskId id, ThreadCache cache, IProducer<byte[]?, byte[]?>? sharedProducer)
    {
        var output = clientOptions.ExactlyOnce
            ? TaskProducer.ForTask(clientOptions, id)
            : TaskProducer.Shared(sharedProducer ?? throw new ArgumentNullException(nameof(sharedProducer)), clientOptions);
        try
        {
            var stateDirectory = Path.Combine(options.StateDirectory, options.ApplicationId, id.ToString());
            var task = new StreamTask(
                id,
                topology.BuildSubtopology(id.Subtopology, options.ApplicationId, globalStores),
                InputsOf(id),
                output.Collector,
                options,
                stateDirectory,
                clock,
                cache,
                partitionCountOf,
                telemetry);
            return new ActiveTask(task, output);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
