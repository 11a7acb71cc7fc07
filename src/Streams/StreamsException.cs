namespace RecoStreams.Streams;

/// <summary>A failure of the streams runtime that stops the task (and the stream thread running it).</summary>
public class StreamsException : Exception
{
    public StreamsException(string message)
        : base(message)
    {
    }

    public StreamsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An invalid topology: bad names, missing parents, cycles, unconnected stores.</summary>
public sealed class TopologyException(string message) : StreamsException("Invalid topology: " + message);
