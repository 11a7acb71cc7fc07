using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Produces what the experiment endpoints and the read path write: experiment definitions and exposures.</summary>
public interface IExperimentEvents
{
    /// <summary>Writes the definition to the compacted experiments topic; completes when acknowledged.</summary>
    Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the exposure for recommendation-served and returns at once: serialising and producing happen
    /// off the read path. An exposure that cannot be queued is counted in <see cref="ExposuresDropped"/>, one
    /// that is not delivered in <see cref="ExposuresLost"/>; neither is retried by the caller.
    /// </summary>
    void QueueExposure(Exposure exposure);

    /// <summary>Exposures queued but not delivered (producer error, its queue full, a stop that timed out).</summary>
    long ExposuresLost { get; }

    /// <summary>Exposures not queued because the exposure writer's queue was full (or it had stopped).</summary>
    long ExposuresDropped { get; }
}
