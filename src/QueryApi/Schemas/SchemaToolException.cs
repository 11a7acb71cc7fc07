namespace RecoStreams.QueryApi.Schemas;

/// <summary>A usage or I/O problem of the schema tooling (bad option, unreadable folder, git or registry unreachable): exit code 2, not a verdict.</summary>
internal sealed class SchemaToolException : Exception
{
    public SchemaToolException(string message)
        : base(message)
    {
    }

    public SchemaToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
