namespace RecoStreams.Avro.Container;

/// <summary>An object container file is malformed, truncated, uses an unsupported codec or format version, or fails an integrity check.</summary>
public class AvroContainerException : AvroDecodeException
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroContainerException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroContainerException(string message, Exception innerException) : base(message, innerException) { }
}
