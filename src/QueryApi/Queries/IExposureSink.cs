using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>Where <see cref="ExposureWriter"/> hands its batches: recommendation-served in the host.</summary>
public interface IExposureSink
{
    /// <summary>Writes a batch (serialised and queued for the broker; not awaited until delivered).</summary>
    ValueTask WriteAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one exposure now, on the caller's thread, when that needs no waiting (serialised and queued for the broker,
    /// as <see cref="WriteAsync"/> does); false, with nothing written, when it cannot yet (the Kafka sink before its
    /// first batch has looked its schema id up), and the exposure goes through <see cref="WriteAsync"/>. Thread-safe.
    /// </summary>
    bool TryWrite(Exposure exposure);

    /// <summary>Waits up to <paramref name="timeout"/> for what was written to be delivered; returns how many were not.</summary>
    int Flush(TimeSpan timeout);
}
