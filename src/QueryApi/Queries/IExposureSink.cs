using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Where <see cref="ExposureWriter"/> hands its batches: recommendation-served in the host.</summary>
public interface IExposureSink
{
    /// <summary>Writes a batch (serialised and queued for the broker; not awaited until delivered).</summary>
    ValueTask WriteAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="timeout"/> for what was written to be delivered; returns how many were not.</summary>
    int Flush(TimeSpan timeout);
}
