using System.CommandLine;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Topology.Registry;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>Options and error handling shared by the schemas verbs.</summary>
internal static class ContractCommands
{
    public static Option<string> DirectoryOption() => new("--dir")
    {
        Description = "Folder of the .avsc contracts.",
        DefaultValueFactory = _ => Path.Combine("schemas", "avro"),
    };

    public static Option<string> ApplicationIdOption() => new("--application-id")
    {
        Description = "Application id; names the {app}-item-stats topic and so the ItemStats subject.",
        DefaultValueFactory = _ => "recostreams",
    };

    public static ContractSubject Resolve(ContractSubjects contracts, string fileName) =>
        contracts.TryGet(fileName, out var contract) ? contract
            : throw new SchemaToolException($"{fileName} is not a known contract: no topic, so no subject, for it");

    public static Uri RegistryUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
            : throw new SchemaToolException($"'{text}' is not an http(s) registry URL");

    public static SchemaRegistryClient RegistryClient(HttpClient http, Uri url) =>
        new(http, new SchemaRegistryClientOptions { BaseAddress = url });

    /// <summary>
    /// Runs a verb and turns usage and I/O failures into exit code 2 with one readable line, so a CI
    /// log tells "your schema breaks consumers" (1) apart from "the check could not run" (2).
    /// </summary>
    public static async Task<int> GuardAsync(ParseResult result, Func<TextWriter, Task<int>> verb)
    {
        var error = result.InvocationConfiguration.Error;
        try
        {
            return await verb(result.InvocationConfiguration.Output).ConfigureAwait(false);
        }
        catch (SchemaToolException e)
        {
            await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
        }
        catch (SchemaRegistryException e)
        {
            await error.WriteLineAsync($"error: schema registry answered {e.ErrorCode}: {e.RegistryMessage}").ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync("error: schema registry unreachable: " + e.Message).ConfigureAwait(false);
        }

        return SchemaExitCodes.UsageOrIoError;
    }
}
