namespace RecoStreams.Avro.WireFormat;

/// <summary>A message is not in the Confluent wire format: too short, or a wrong magic byte.</summary>
public class AvroWireFormatException : AvroException
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroWireFormatException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroWireFormatException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The schema id in a message's header is not known to the schema registry.</summary>
public sealed class UnknownSchemaIdException : AvroWireFormatException
{
    /// <summary>Creates an exception for <paramref name="schemaId"/>.</summary>
    public UnknownSchemaIdException(int schemaId, Exception innerException)
        : base($"schema id {schemaId} in the message header is not known to the schema registry", innerException)
    {
        SchemaId = schemaId;
    }

    /// <summary>The id read from the header.</summary>
    public int SchemaId { get; }
}
