using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using Xunit;
using static RecoStreams.Streams.RocksDb.Tests.TestSupport.Keys;

namespace RecoStreams.Streams.RocksDb.Tests.Native;

/// <summary>
/// Disposal racing native calls that create objects tied to the database. A regression here does not fail
/// an assertion: RocksDB aborts the whole test process ("pthread lock: Invalid argument") when an
/// iterator is destroyed after its database closed, so the run stops with exit code 134.
/// </summary>
public sealed class DisposeRaceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Iterators_created_while_the_database_is_disposed_are_destroyed_before_it_closes()
    {
        var created = 0;
        var refused = 0;
        for (var round = 0; round < 400; round++)
        {
            var db = RocksDatabase.Open(Path.Combine(_dir.Path, round.ToString(System.Globalization.CultureInfo.InvariantCulture)), RocksDbOptions.Default);
            db.Put(Utf8("k"), Utf8("v"));
            using var start = new Barrier(2);
            var reader = new Thread(() =>
            {
                start.SignalAndWait();
                while (true)
                {
                    try
                    {
                        db.NewIterator().Dispose();
                        Interlocked.Increment(ref created);
                    }
                    catch (ObjectDisposedException)
                    {
                        Interlocked.Increment(ref refused);
                        return;
                    }
                }
            });
            reader.Start();
            start.SignalAndWait(TestContext.Current.CancellationToken);
            Thread.SpinWait(round * 37 % 2000);
            db.Dispose();
            reader.Join();

            // Any iterator handle the race left behind is finalized here, while the process still runs.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(400, refused);
        Assert.True(created > 0);
    }
}
