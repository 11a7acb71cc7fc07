using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Observability.Logging;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Kafka.Application;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// Starts the streams application with the web host and closes it (committing and checkpointing) when
/// the host stops, so a Ctrl-C is a clean stop that restores nothing on the next start. Every dead-lettered
/// record is logged once as a warning, its key (the user id on the input topics) hashed.
/// </summary>
public sealed partial class StreamsLifetime(KafkaStreams streams, UserIdHasher hasher, ILogger<StreamsLifetime> logger) : IHostedService
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Log = message => LogStreams(logger, message);
        streams.StateChanged += (from, to) => LogStateChange(logger, from, to);
        streams.Telemetry.RecordDeadLettered += OnDeadLettered;
        streams.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (!streams.Close(CloseTimeout))
        {
            LogCloseTimeout(logger, CloseTimeout.TotalSeconds);
        }

        return Task.CompletedTask;
    }

    private void OnDeadLettered(DeadLetteredRecord record) =>
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogStreams(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "streams state {From} -> {To}")]
    private static partial void LogStateChange(ILogger logger, KafkaStreamsState from, KafkaStreamsState to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "streams threads did not stop within {Seconds} s; the next start replays from the last commit")]
    private static partial void LogCloseTimeout(ILogger logger, double seconds);
}
