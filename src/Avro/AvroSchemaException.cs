namespace RecoStreams.Avro;

/// <summary>
/// A schema is invalid, or two schemas cannot be resolved against each other. The message starts
/// with the path of the offending part, e.g. <c>EngagementEvent.fields[3].type: unknown type 'strin'</c>.
/// </summary>
public class AvroSchemaException : AvroException
{
    /// <summary>Creates an exception with a message.</summary>
    public AvroSchemaException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public AvroSchemaException(string message, Exception innerException) : base(message, innerException) { }
}
