namespace RecoStreams.Avro;

/// <summary>Base type of every error this library raises, so callers can catch Avro failures as one family.</summary>
public class AvroException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroException(string message, Exception innerException) : base(message, innerException) { }
}
