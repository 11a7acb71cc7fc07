using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

/// <summary>
/// Under exactly-once the checkpoint file is the clean-close marker: a task that opens without one was not
/// closed cleanly (a killed process leaves no chance to clean up), so its local stores may hold writes of
/// aborted transactions and are rebuilt from the committed changelog.
/// </summary>
public sealed class UncleanStopDetectionTests
{
    private static Streams.Topology OneStoreTopology() =>
        new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", () => new LambdaProcessor<string, string, string, string>((_, _) => { }), "s")
            .AddStateStore(Stores.KeyValueStoreBuilder(new PersistentTestStoreSupplier("counts"), Serdes.String, Serdes.Long), "p");

    [Fact]
    public void Exactly_once_task_without_a_checkpoint_wipes_its_state_folder_before_opening_stores()
    {
        using var state = new TempDirectory();
        var fixture = new TaskTestFixture(OneStoreTopology(), Options(state, ProcessingGuarantee.ExactlyOnce), [("in", 0)]);
        var leftover = LeaveStoreFile(fixture.TaskDirectory);

        fixture.Start();

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void Exactly_once_task_with_a_checkpoint_keeps_its_state_and_deletes_the_marker_while_it_runs()
    {
        using var state = new TempDirectory();
        var fixture = new TaskTestFixture(OneStoreTopology(), Options(state, ProcessingGuarantee.ExactlyOnce), [("in", 0)]);
        var leftover = LeaveStoreFile(fixture.TaskDirectory);
        var checkpoint = Path.Combine(fixture.TaskDirectory, ".checkpoint");
        File.WriteAllText(checkpoint, "0\n1\neos-counts-changelog 0 7\n");

        fixture.Start();

        Assert.True(File.Exists(leftover));
        Assert.False(File.Exists(checkpoint));
        fixture.Task.Close(clean: true);
        Assert.True(File.Exists(checkpoint));
    }

    [Fact]
    public void At_least_once_task_without_a_checkpoint_keeps_its_local_state()
    {
        using var state = new TempDirectory();
        var fixture = new TaskTestFixture(OneStoreTopology(), Options(state, ProcessingGuarantee.AtLeastOnce), [("in", 0)]);
        var leftover = LeaveStoreFile(fixture.TaskDirectory);

        fixture.Start();

        Assert.True(File.Exists(leftover));
    }

    private static StreamsOptions Options(TempDirectory state, ProcessingGuarantee guarantee) =>
        new() { ApplicationId = "eos", StateDirectory = state.Path, ProcessingGuarantee = guarantee };

    private static string LeaveStoreFile(string taskDirectory)
    {
        var storeDirectory = Directory.CreateDirectory(Path.Combine(taskDirectory, "rocksdb", "counts"));
        var file = Path.Combine(storeDirectory.FullName, "000001.log");
        File.WriteAllText(file, "writes of an aborted transaction");
        return file;
    }
}
