using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class RecordChoiceTests
{
    [Fact]
    public void Processes_the_buffered_head_with_the_lowest_timestamp_across_partitions()
    {
        using var state = new TempDirectory();
        var seen = new List<string>();
        var topology = new Streams.Topology()
            .AddSource("s", ["left", "right"], Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.Of<string, string, string, string>((r, _) => seen.Add($"{r.Value}@{r.Timestamp}")), "s");
        var fixture = new TaskTestFixture(topology, new StreamsOptions { ApplicationId = "choice", StateDirectory = state.Path }, [("left", 0), ("right", 0)]);
        fixture.Start();

        fixture.Task.AddRecords([
            TaskTestFixture.Record("left", 0, 0, 10, "k", "L1"),
            TaskTestFixture.Record("left", 0, 1, 40, "k", "L2"),
            TaskTestFixture.Record("right", 0, 0, 20, "k", "R1"),
            TaskTestFixture.Record("right", 0, 1, 30, "k", "R2"),
        ]);
        Assert.Equal(4, fixture.Task.BufferedRecordCount);
        fixture.ProcessAll();

        Assert.Equal(["L1@10", "R1@20", "R2@30", "L2@40"], seen);
        Assert.Equal(40, fixture.Task.StreamTimeMs);
    }

    [Fact]
    public void Within_a_partition_order_is_offset_order_even_when_timestamps_go_backwards()
    {
        using var state = new TempDirectory();
        var seen = new List<string>();
        var topology = new Streams.Topology()
            .AddSource("s", ["left", "right"], Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.Of<string, string, string, string>((r, _) => seen.Add(r.Value)), "s");
        var fixture = new TaskTestFixture(topology, new StreamsOptions { ApplicationId = "choice", StateDirectory = state.Path }, [("left", 0), ("right", 0)]);
        fixture.Start();

        fixture.Task.AddRecords([
            TaskTestFixture.Record("left", 0, 0, 50, "k", "L-late"),
            TaskTestFixture.Record("left", 0, 1, 5, "k", "L-early"),
            TaskTestFixture.Record("right", 0, 0, 30, "k", "R"),
        ]);
        fixture.ProcessAll();

        Assert.Equal(["R", "L-late", "L-early"], seen);
    }

    [Fact]
    public void Commit_returns_next_offsets_only_for_partitions_that_advanced()
    {
        using var state = new TempDirectory();
        var topology = new Streams.Topology()
            .AddSource("s", ["left", "right"], Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.PassThrough<string, string>(), "s");
        var fixture = new TaskTestFixture(topology, new StreamsOptions { ApplicationId = "offsets", StateDirectory = state.Path }, [("left", 0), ("right", 0)]);
        fixture.Start();
        fixture.Task.AddRecords([TaskTestFixture.Record("left", 0, 7, 1, "k", "v"), TaskTestFixture.Record("left", 0, 8, 2, "k", "v")]);
        fixture.ProcessAll();

        var first = fixture.Task.PrepareCommit();
        fixture.Task.PostCommit();
        var second = fixture.Task.PrepareCommit();
        fixture.Task.PostCommit();

        Assert.Equal(new Dictionary<(string, int), long> { [("left", 0)] = 9 }, first);
        Assert.Empty(second);
    }
}
