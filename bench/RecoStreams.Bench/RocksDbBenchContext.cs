using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Bench;

/// <summary>
/// The smallest store context a benchmark needs: a state folder, the restore callback a store
/// registers, and a record cache of the runtime's default size (10 MiB) for caching stores. Stores are
/// built with logging off, so nothing is ever sent to a changelog.
/// </summary>
internal sealed class RocksDbBenchContext(string stateDirectory) : IStateStoreContext, IRecordCacheProvider
{
    public ThreadCache Cache { get; } = new(10L * 1024 * 1024);

    public string ApplicationId => "rocksdb-bench";

    public TaskId TaskId { get; } = new(0, 0);

    public string StateDirectory { get; } = stateDirectory;

    public long CurrentTimestamp => 0;

    public IStateRestoreCallback? RestoreCallback { get; private set; }

    public void Register(IStateStore store, IStateRestoreCallback? restore) => RestoreCallback = restore;

    public void LogChange(string storeName, ReadOnlySpan<byte> key, byte[]? value, long timestamp) =>
        throw new InvalidOperationException("Benchmark stores are built with logging disabled.");
}
