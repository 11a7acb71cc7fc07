namespace RecoStreams.Avro.Registry;

/// <summary>
/// A schema registry refused or failed an operation. <see cref="ErrorCode"/> is Confluent's
/// error code (for example 40401 subject not found, 409 incompatible), so callers can branch on
/// it the same way whether the registry is remote or embedded.
/// </summary>
public class SchemaRegistryException : AvroException
{
    /// <summary>Creates an exception for a registry error code and message.</summary>
    public SchemaRegistryException(int errorCode, string message)
        : base(Describe(errorCode, message))
    {
        ErrorCode = errorCode;
        RegistryMessage = message;
    }

    /// <summary>Creates an exception for a registry error code and message, with the underlying cause.</summary>
    public SchemaRegistryException(int errorCode, string message, Exception innerException)
        : base(Describe(errorCode, message), innerException)
    {
        ErrorCode = errorCode;
        RegistryMessage = message;
    }

    /// <summary>Confluent error code; see <see cref="SchemaRegistryErrorCodes"/>.</summary>
    public int ErrorCode { get; }

    /// <summary>The registry's own message, without the code prefix.</summary>
    public string RegistryMessage { get; }

    /// <summary>The HTTP status Confluent's REST API pairs with <see cref="ErrorCode"/>.</summary>
    public int HttpStatus => SchemaRegistryErrorCodes.HttpStatusOf(ErrorCode);

    private static string Describe(int errorCode, string message) => $"schema registry error {errorCode}: {message}";
}
