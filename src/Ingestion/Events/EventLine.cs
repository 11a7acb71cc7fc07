using RecoStreams.Processors.Domain;

namespace RecoStreams.Ingestion.Events;

/// <summary>One record of an events file: the event it parsed to, or why not, at its line number.</summary>
public sealed record EventLine(long Line, EngagementEvent? Event, string? Error)
{
    public static EventLine Parsed(long line, EngagementEvent e) => new(line, e, null);

    public static EventLine Malformed(long line, string error) => new(line, null, error);
}
