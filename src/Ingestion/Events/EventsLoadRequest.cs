using RecoStreams.Processors.Domain;

namespace RecoStreams.Ingestion.Events;

/// <summary>What reading an events file found: the events to send, in replay order, and the bad lines.</summary>
public sealed record EventsFile(long Read, IReadOnlyList<EngagementEvent> Events, IReadOnlyList<EventLine> Invalid);

/// <summary>One `events load` invocation.</summary>
/// <param name="TimeScale">Shrinks the file's time span by this factor and ends it now; null keeps the times.</param>
/// <param name="Rate">Events per second at most; null sends as fast as the producer takes them.</param>
public sealed record EventsLoadRequest(string Path, EventFormat Format, bool SkipInvalid, double? TimeScale, double? Rate)
{
    /// <summary>Reads and checks the whole file before anything is sent: a file with bad lines is refused unless <see cref="SkipInvalid"/>.</summary>
    public EventsFile Read(DateTimeOffset now)
    {
        var valid = new List<EngagementEvent>();
        var invalid = new List<EventLine>();
        long read = 0;
        foreach (var line in EventFileReader.Read(Format, Path, now))
        {
            read++;
            if (line.Event is { } e)
            {
                valid.Add(e);
            }
            else
            {
                invalid.Add(line);
            }
        }

        return new EventsFile(read, EventReplay.Timeline(valid, TimeScale, now), invalid);
    }
}
