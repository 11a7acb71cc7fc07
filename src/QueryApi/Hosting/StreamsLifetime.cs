using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Observability.Logging;
using RecoStreams.Streams.Kafka.Application;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// Starts the streams application with the web host and closes it (committing and checkpointing) when
/// the host stops, so a Ctrl-C is a clean stop that restores nothing on the next start. Every dead-lettered
/// record is logged once (<see cref="DeadLetterLogger"/>).
/// </summary>
public sealed partial class StreamsLifetime(KafkaStreams streams, DeadLetterLogger deadLetters, ILogger<StreamsLifetime> logger) : IHostedService
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Log = message => LogStreams(logger, message);
        streams.StateChanged += (from, to) => LogStateChange(logger, from, to);
        streams.Telemetry.RecordDeadLettered += deadLetters.Log;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogStreams(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "streams state {From} -> {To}")]
    private static partial void LogStateChange(ILogger logger, KafkaStreamsState from, KafkaStreamsState to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "streams threads did not stop within {Seconds} s; the next start replays from the last commit")]
    private static partial void LogCloseTimeout(ILogger logger, double seconds);
}
