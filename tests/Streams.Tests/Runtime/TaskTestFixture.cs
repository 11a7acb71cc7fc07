using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Testing;

namespace RecoStreams.Streams.Tests.Runtime;

/// <summary>Builds a StreamTask for subtopology 0 of a topology, with an in-memory collector.</summary>
internal sealed class TaskTestFixture
{
    public TaskTestFixture(
        Streams.Topology topology,
        StreamsOptions options,
        IReadOnlyCollection<(string Topic, int Partition)> inputs,
        int partition = 0,
        Diagnostics.StreamsTelemetry? telemetry = null)
    {
        Options = options;
        Collector = new CapturingRecordCollector(_ => 4);
        TaskDirectory = Path.Combine(options.StateDirectory, options.ApplicationId, $"0_{partition}");
        Task = new StreamTask(
            new Processor.TaskId(0, partition),
            topology.BuildSubtopology(0, options.ApplicationId),
            inputs,
            Collector,
            options,
            TaskDirectory,
            new MockTime(),
            telemetry: telemetry);
    }

    public StreamsOptions Options { get; }

    public CapturingRecordCollector Collector { get; }

    public string TaskDirectory { get; }

    public StreamTask Task { get; }

    public static ConsumedRecord Record(string topic, int partition, long offset, long timestamp, string key, string value) =>
        new(topic, partition, offset, timestamp, System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(value), null);

    public void Start()
    {
        Task.InitializeStores();
        Task.CompleteRestoration();
    }

    public void ProcessAll()
    {
        while (Task.Process(0))
        {
        }
    }
}
