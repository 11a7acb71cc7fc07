using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Produces what the experiment endpoints and the read path write: experiment definitions and exposures.</summary>
public interface IExperimentEvents
{
    /// <summary>Writes the definition to the compacted experiments topic; completes when acknowledged.</summary>
    Task PublishExperimentAsync(Experiment experiment, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the exposure for recommendation-served without waiting for the broker (the read path must not
    /// wait for it); a failed delivery is counted in <see cref="ExposuresLost"/>, never retried by the caller.
    /// </summary>
    ValueTask PublishExposureAsync(Exposure exposure, CancellationToken cancellationToken);

    /// <summary>Exposures queued but not delivered (producer error, queue full).</summary>
    long ExposuresLost { get; }
}
