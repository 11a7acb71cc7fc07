namespace RecoStreams.QueryApi.Queries;

/// <summary>The exposure writer's queue between the read path and the producer (<see cref="ExposureWriter"/>).</summary>
public sealed class ExposureWriterOptions
{
    public const string SectionName = "Experiments:ExposureWriter";

    /// <summary>
    /// The longest <see cref="Linger"/>: half the exposure producer's 10 s message timeout (librdkafka refuses a linger that
    /// is not shorter than it), so a batch still has time to be delivered.
    /// </summary>
    public static readonly TimeSpan MaxLinger = TimeSpan.FromSeconds(5);

    /// <summary>Exposures queued at most; beyond it a served list's exposure is dropped and counted. Default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Exposures serialised and handed to the producer per batch at most. Default 500.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>
    /// How long the writer rests after a batch that did not fill <see cref="MaxBatch"/>, so exposures gather into larger
    /// batches instead of waking it for every few requests; zero (the default) wakes it as soon as one is queued. A rest
    /// halved the exposure's CPU in process (`bench ... exposure`) but, measured with wrk on a loaded 2-core host, its timer
    /// cost more than the wake-ups it saved (docs/benchmarks.md, #18 session 8). The producer lingers longer than any
    /// useful rest (<see cref="Linger"/>).
    /// </summary>
    public TimeSpan DrainInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long the exposure producer gathers exposures into a batch (librdkafka's <c>linger.ms</c>). librdkafka sends one
    /// produce request per partition and batch, and each batch costs its own request, delivery-report event, broker append
    /// and fetched message set whatever its size, so a shorter linger costs the host more per exposure at the same rate
    /// (docs/benchmarks.md, #18 session 14). Exposures are never awaited and the feedback join allows feedback up to
    /// <c>Experiments:ClockSkew</c> before its exposure, so only experiment counts see the delay; <c>kill -9</c> loses about one
    /// linger of exposures (docs/reliability.md). Default 1 s.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(1);

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
