namespace RecoStreams.Avro;

/// <summary>
/// Input bytes are not a valid Avro encoding: truncated data, a negative or oversized length,
/// an over-long varint, an invalid union index, a bad block count, a corrupt container file.
/// Decoders raise only this (or a subclass) for bad input, never an index or overflow exception.
/// </summary>
public class AvroDecodeException : AvroException
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroDecodeException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroDecodeException(string message, Exception innerException) : base(message, innerException) { }
}
