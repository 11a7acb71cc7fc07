using RecoStreams.QueryApi.Cli;
using RecoStreams.QueryApi.Tests.Schemas;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Cli;

public sealed class EventsLoadVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("events-verb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_with_a_bad_line_is_refused_naming_the_line_and_nothing_is_sent()
    {
        var path = Ratings("1,31,2.5,1260759144", "1,32,nine,1260759145");

        var run = await CliRun.InvokeAsync("events", "load", "--file", path, "--bootstrap-servers", "127.0.0.1:1");

        Assert.Equal(EventsCommand.InvalidRecords, run.ExitCode);
        Assert.Contains($"{path}:3: rating", run.Error, StringComparison.Ordinal);
        Assert.Contains("published 0 (file refused", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ratings_file_is_replayed_into_the_cluster_with_its_format_guessed()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.EngagementEvents, 2);
        await using var registry = await KestrelRegistry.StartAsync();
        var path = Ratings("1,31,2.5,1260759144", "2,32,4.0,1260759145", "3,33,5.0,1260759146");

        var run = await CliRun.InvokeAsync(
            "events", "load", "--file", path, "--bootstrap-servers", cluster.BootstrapServers, "--schema-registry-url", registry.Url, "--time-scale", "100");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("read 3, valid 3, invalid 0, published 3", run.Output, StringComparison.Ordinal);
    }

    private string Ratings(params string[] rows)
    {
        var path = Path.Combine(_folder, "ratings.csv");
        File.WriteAllLines(path, ["userId,movieId,rating,timestamp", .. rows]);
        return path;
    }
}
