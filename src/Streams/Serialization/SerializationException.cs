namespace RecoStreams.Streams.Serialization;

/// <summary>Bytes that a serde cannot turn into a value (or the reverse).</summary>
public sealed class SerializationException : Exception
{
    public SerializationException(string message)
        : base(message)
    {
    }

    public SerializationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
