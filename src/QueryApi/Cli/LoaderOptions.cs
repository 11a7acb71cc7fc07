using System.CommandLine;
using RecoStreams.QueryApi.Embedded;

namespace RecoStreams.QueryApi.Cli;

/// <summary>The Kafka and registry options the loaders (`catalog load`, `events load`) share.</summary>
internal static class LoaderOptions
{
    public static Option<string?> BootstrapServers() => new("--bootstrap-servers")
    {
        Description = "Kafka bootstrap servers; default: the embedded cluster of a `run` using ./data (read from data/" + EmbeddedBootstrapFile.FileName + ").",
    };

    public static Option<Uri> RegistryUrl() => new("--schema-registry-url")
    {
        Description = "Confluent-compatible schema registry; default: the embedded one a local `run` serves.",
        DefaultValueFactory = _ => new Uri("http://127.0.0.1:8080/schema-registry/"),
        CustomParser = HttpUrl,
    };

    /// <summary>
    /// An http(s) URL ending in '/' (so relative registry paths append). System.CommandLine has no built-in
    /// conversion to Uri: without a parser, any value given fails with a stack trace.
    /// </summary>
    public static Uri? HttpUrl(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http(s) URL.");
        return null;
    }

    /// <summary>The servers given, else those of a local embedded `run`; null when neither is known.</summary>
    public static string? ResolveBootstrap(string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given : EmbeddedBootstrapFile.Read(Path.Combine(Environment.CurrentDirectory, "data"));

    public const string NoBootstrap =
        "no --bootstrap-servers given and no running embedded instance found (data/" + EmbeddedBootstrapFile.FileName + "): start `scripts/run.sh` from this folder or pass --bootstrap-servers.";
}
