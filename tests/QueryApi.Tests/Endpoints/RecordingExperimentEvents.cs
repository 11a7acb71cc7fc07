using System.Collections.Concurrent;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>Keeps the experiments and exposures the endpoints would have produced.</summary>
internal sealed class RecordingExperimentEvents : IExperimentEvents
{
    public ConcurrentQueue<Experiment> Experiments { get; } = new();

    public ConcurrentQueue<Exposure> Exposures { get; } = new();

    public long ExposuresLost => 0;

    public long ExposuresDropped => 0;

    public Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        Experiments.Enqueue(experiment);
        return Task.CompletedTask;
    }

    public void QueueExposure(Exposure exposure) => Exposures.Enqueue(exposure);
}
