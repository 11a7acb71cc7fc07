using System.CommandLine;
using System.Net.Http.Headers;

namespace RecoStreams.QueryApi.Cli;

/// <summary>
/// The HTTP client verbs talk to a schema registry with. The embedded registry a `run` serves takes
/// writes from admins only, so verbs that register schemas accept the admin token `run` prints.
/// </summary>
internal static class RegistryHttp
{
    public static Option<string?> TokenOption() => new("--token")
    {
        Description = "Bearer token for registry writes (the embedded registry of `run` wants the admin token it prints).",
    };

    public static HttpClient Create(string? token)
    {
        var http = new HttpClient();
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
