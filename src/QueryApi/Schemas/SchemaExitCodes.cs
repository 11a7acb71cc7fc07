namespace RecoStreams.QueryApi.Schemas;

/// <summary>Exit codes of the schemas verbs, so CI can tell a breaking change from a broken invocation.</summary>
internal static class SchemaExitCodes
{
    public const int Compatible = 0;

    public const int Breaking = 1;

    public const int UsageOrIoError = 2;
}
