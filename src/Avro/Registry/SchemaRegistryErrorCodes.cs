namespace RecoStreams.Avro.Registry;

/// <summary>Confluent Schema Registry error codes; the first three digits are the HTTP status.</summary>
public static class SchemaRegistryErrorCodes
{
    /// <summary>The subject does not exist (or only has soft-deleted versions).</summary>
    public const int SubjectNotFound = 40401;

    /// <summary>The subject exists but not the requested version.</summary>
    public const int VersionNotFound = 40402;

    /// <summary>No schema with that id, or the schema is not registered under the subject.</summary>
    public const int SchemaNotFound = 40403;

    /// <summary>The subject was soft-deleted; a permanent delete or re-registration is needed.</summary>
    public const int SubjectSoftDeleted = 40404;

    /// <summary>The subject is not soft-deleted, so it cannot be permanently deleted yet.</summary>
    public const int SubjectNotSoftDeleted = 40405;

    /// <summary>The version was soft-deleted.</summary>
    public const int VersionSoftDeleted = 40406;

    /// <summary>The version is not soft-deleted, so it cannot be permanently deleted yet.</summary>
    public const int VersionNotSoftDeleted = 40407;

    /// <summary>The subject has no compatibility level of its own.</summary>
    public const int SubjectLevelCompatibilityNotConfigured = 40408;

    /// <summary>The new schema is incompatible with earlier versions under the subject's level.</summary>
    public const int IncompatibleSchema = 409;

    /// <summary>The schema text is not a valid Avro schema.</summary>
    public const int InvalidSchema = 42201;

    /// <summary>The version is not a positive integer nor "latest".</summary>
    public const int InvalidVersion = 42202;

    /// <summary>The compatibility level is not one of NONE..FULL_TRANSITIVE.</summary>
    public const int InvalidCompatibilityLevel = 42203;

    /// <summary>The request body or path is malformed.</summary>
    public const int UnprocessableEntity = 422;

    /// <summary>The path names no resource.</summary>
    public const int NotFound = 404;

    /// <summary>The path exists but not for this HTTP method.</summary>
    public const int MethodNotAllowed = 405;

    /// <summary>The registry's backing store failed.</summary>
    public const int BackendStoreError = 50001;

    /// <summary>The operation timed out inside the registry.</summary>
    public const int OperationTimeout = 50002;

    /// <summary>Any other server-side failure.</summary>
    public const int InternalServerError = 500;

    /// <summary>Client side: the registry could not be reached, or kept failing, within the retries allowed.</summary>
    public const int Unavailable = 503;

    /// <summary>The HTTP status for an error code: its leading three digits (409 and 422 stand for themselves).</summary>
    public static int HttpStatusOf(int errorCode)
    {
        var status = errorCode;
        while (status >= 1000)
        {
            status /= 10;
        }

        return status is >= 400 and <= 599 ? status : 500;
    }
}
