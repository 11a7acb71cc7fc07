using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>
/// librdkafka's log lines as structured log entries (level, facility, client) instead of the raw
/// <c>%4|1765000000.123|FAIL|…</c> lines it writes to stderr when no handler is set.
/// </summary>
public static partial class KafkaClientLog
{
    public const string Category = "RecoStreams.Kafka.Client";

    public static Action<LogMessage> To(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger(Category);
        return message => Write(logger, LevelOf(message.Level), message.Facility, message.Name, message.Message);
    }

    public static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(Message = "librdkafka {Facility} [{Client}]: {Text}")]
    private static partial void Write(ILogger logger, LogLevel level, string facility, string client, string text);
}
