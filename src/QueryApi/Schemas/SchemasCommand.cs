using System.CommandLine;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>`schemas`: the data engineers' contract tooling (check before merging, register before deploying).</summary>
internal static class SchemasCommand
{
    public static Command Create() => new("schemas", "Check and register the Avro event contracts.")
    {
        SchemaCheckCommand.Create(),
        SchemaRegisterCommand.Create(),
    };
}
