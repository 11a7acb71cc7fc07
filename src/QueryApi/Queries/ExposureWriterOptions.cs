namespace RecoStreams.QueryApi.Queries;

/// <summary>The exposure writer's queue between the read path and the producer (<see cref="ExposureWriter"/>).</summary>
public sealed class ExposureWriterOptions
{
    public const string SectionName = "Experiments:ExposureWriter";

    /// <summary>Exposures queued at most; beyond it a served list's exposure is dropped and counted. Default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Exposures serialised and handed to the producer per batch at most. Default 500.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>
    /// How long the writer rests after a batch that did not fill <see cref="MaxBatch"/>, so exposures gather into larger
    /// batches instead of waking it for every few requests; zero (the default) wakes it as soon as one is queued. A rest
    /// halved the exposure's CPU in process (`bench ... exposure`) but, measured with wrk on a loaded 2-core host, its timer
    /// cost more than the wake-ups it saved (docs/benchmarks.md, #18 session 8). The producer lingers longer than any
    /// useful rest (<see cref="KafkaExposureSink.LingerMs"/>).
    /// </summary>
    public TimeSpan DrainInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Whether a read writes its exposure to the sink itself when the sink can without waiting (the Kafka sink: once its
    /// schema id is known, serialise and hand to the producer's own queue, which never waits for the broker) instead of
    /// queueing it for the background loop, which then has to be woken, often for a single exposure. Default true;
    /// false queues every exposure.
    /// </summary>
    public bool WriteInline { get; set; } = true;

    /// <summary>How long a graceful stop waits for queued exposures to be written and delivered. Default 5 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
