namespace RecoStreams.Avro;

/// <summary>A datum handed to a writer does not match the schema it is written with.</summary>
public class AvroEncodeException : AvroException
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroEncodeException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroEncodeException(string message, Exception innerException) : base(message, innerException) { }
}
