using System.Text;
using Microsoft.Extensions.Logging;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;

namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>
/// One structured warning per dead-lettered record: where it came from, why and at which stage. The
/// record key is the user id on the input topics, so only its hash is logged.
/// </summary>
public sealed partial class DeadLetterLogger(UserIdHasher hasher, ILogger<DeadLetterLogger> logger)
{
    public void Log(DeadLetteredRecord record) =>
        LogDeadLettered(
            logger,
            record.Topic,
            record.Partition,
            record.Offset,
            record.ReasonCode,
            DeadLetterHeaders.StageName(record.Stage),
            record.Processor,
            record.Key is null ? null : hasher.Hash(Encoding.UTF8.GetString(record.Key)),
            record.Reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "dead-lettered {Topic}-{Partition}@{Offset}: {Reason} at {Stage} in {Processor} (user {UserHash}): {Detail}")]
    private static partial void LogDeadLettered(
        ILogger logger, string topic, int partition, long offset, string reason, string stage, string? processor, string? userHash, string detail);
}
