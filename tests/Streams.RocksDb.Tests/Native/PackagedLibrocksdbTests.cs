using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Native;

public sealed class PackagedLibrocksdbTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stores_map_only_the_librocksdb_of_the_RocksDB_package_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/maps, which only Linux has");
        }

        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);

        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith("librocksdb", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();

        var only = Assert.Single(mapped);
        Assert.StartsWith(AppContext.BaseDirectory, only, StringComparison.Ordinal);
    }
}
