using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using RecoStreams.Streams.RocksDb.Window;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Properties;

public sealed class WindowStoreEquivalenceTests
{
    private const long Retention = 100;
    private const long WindowSize = 10;
    private const long Interval = 50;

    [Fact]
    public void RocksDb_window_store_observes_the_same_as_the_in_memory_one_across_retention()
    {
        var property = Prop.ForAll(WindowOperation.Generator.ListOf().ToArbitrary(), operations =>
        {
            using var dir = new TempDirectory();
            var rocks = Open(new RocksDbWindowBytesStore("w", Retention, WindowSize, Interval), dir.Path);
            var memory = Open(new InMemoryWindowBytesStore("w", Retention, WindowSize, Interval), dir.Path);
            try
            {
                foreach (var operation in operations)
                {
                    Assert.Equal(operation.Apply(memory), operation.Apply(rocks));
                }

                // Retention bounds the open RocksDB instances: the segments covering one retention period.
                Assert.InRange(((RocksDbWindowBytesStore)rocks).SegmentCount, 0, (Retention / Interval) + 1);
            }
            finally
            {
                rocks.Close();
                memory.Close();
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    private static IWindowBytesStore Open(IWindowBytesStore store, string stateDirectory)
    {
        store.Init(new FakeStateStoreContext(stateDirectory));
        return store;
    }
}
