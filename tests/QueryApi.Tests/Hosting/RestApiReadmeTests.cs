using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

/// <summary>The README's REST API table documents every route the real host maps.</summary>
public sealed partial class RestApiReadmeTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rest-readme-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Every_mapped_route_has_a_row_in_the_readmes_rest_api_table()
    {
        var options = new RunOptions { DataDirectory = _data, Urls = "http://127.0.0.1:0" };
        using var embedded = EmbeddedKafka.Start(new RecoTopics(options.ApplicationId), partitions: 1);
        var (app, _) = await RecoStreamsHost.BuildAsync(options, embedded, [], TestContext.Current.CancellationToken);
        await using var _ = app;

        var mapped = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            // Health checks answer any method; they are documented (and used) as GET.
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var documented = ReadmeRows();

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented).Order(StringComparer.Ordinal));
    }

    /// <summary>"METHOD /route" of every row like <c>| `GET` | `/trending` | ...</c>.</summary>
    private static HashSet<string> ReadmeRows()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RecoStreams.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return [.. File.ReadLines(Path.Combine(folder.FullName, "README.md"))
            .Select(line => Row().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups["methods"].Value.Split(", `", StringSplitOptions.TrimEntries)
                .Select(method => $"{method.Trim('`')} {m.Groups["route"].Value}"))];
    }

    [GeneratedRegex(@"^\| (?<methods>`[A-Z]+`(, `[A-Z]+`)*) \| `(?<route>/[^`]*)` \|")]
    private static partial Regex Row();
}
