namespace RecoStreams.Streams.Processor;

public enum PunctuationType
{
    /// <summary>Fires as stream time (record timestamps) advances; idle partitions do not move it.</summary>
    StreamTime,

    /// <summary>Fires on the wall clock, whether or not records arrive.</summary>
    WallClockTime,
}
