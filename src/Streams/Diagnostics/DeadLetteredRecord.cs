using RecoStreams.Streams.Errors;

namespace RecoStreams.Streams.Diagnostics;

/// <summary>An input record the runtime sent to the dead-letter topic, as told to <see cref="StreamsTelemetry.RecordDeadLettered"/>.</summary>
/// <param name="Reason">The full reason (also in the DLQ headers).</param>
/// <param name="ReasonCode">The bounded part of the reason that labels the DLQ metric.</param>
public sealed record DeadLetteredRecord(
    string Topic,
    int Partition,
    long Offset,
    ErrorStage Stage,
    string Reason,
    string ReasonCode,
    string? Processor,
    byte[]? Key);
