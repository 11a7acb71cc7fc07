using RecoStreams.Ingestion.Catalog;
using RecoStreams.QueryApi.Cli;
using RecoStreams.QueryApi.Tests.Schemas;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Cli;

public sealed class CatalogLoadVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-verb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Without_format_a_movielens_file_is_recognised_by_its_header()
    {
        var path = Movies();

        var run = await CliRun.InvokeAsync("catalog", "load", "--file", path, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("read 2, valid 2, invalid 0", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_fails_with_one_line_naming_it_before_anything_is_sent()
    {
        await using var registry = await KestrelRegistry.StartAsync();

        var run = await CliRun.InvokeAsync("catalog", "load", "--file", Movies(), "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", registry.Url);

        Assert.Equal(CatalogLoadOutcome.Failed, run.ExitCode);
        Assert.Contains("no Kafka broker at 127.0.0.1:1 answered", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_dry_run_exits_1_on_a_bad_file_and_0_on_a_good_one()
    {
        var bad = Write("bad.csv", "movieId,title,genres", "1,Toy Story (1995),Comedy", "2,Jumanji (1995)");
        var good = Write("good.csv", "movieId,title,genres", "1,Toy Story (1995),Comedy");

        var badExit = await RecoStreamsCli.Create().Parse(["catalog", "load", "--file", bad, "--format", "movielens", "--dry-run"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        var goodExit = await RecoStreamsCli.Create().Parse(["catalog", "load", "--file", good, "--format", "movielens", "--dry-run"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CatalogLoadOutcome.InvalidRecords, badExit);
        Assert.Equal(0, goodExit);
    }

    private string Movies()
    {
        var path = Path.Combine(_folder, "movies.csv");
        File.WriteAllLines(path, ["movieId,title,genres", "1,Toy Story (1995),Adventure|Animation", "2,Heat (1995),Action|Crime"]);
        return path;
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
