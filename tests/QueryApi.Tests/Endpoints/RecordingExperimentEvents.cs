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

    public Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        Experiments.Enqueue(experiment);
        return Task.CompletedTask;
    }

    public ValueTask PublishExposureAsync(Exposure exposure, CancellationToken cancellationToken)
    {
        Exposures.Enqueue(exposure);
        return ValueTask.CompletedTask;
    }
}
