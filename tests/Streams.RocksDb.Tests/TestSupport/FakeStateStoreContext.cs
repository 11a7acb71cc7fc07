using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Tests.TestSupport;

/// <summary>The runtime side of store initialisation, recorded: which stores registered, with which restore callback.</summary>
internal sealed class FakeStateStoreContext(string stateDirectory) : IStateStoreContext
{
    public string ApplicationId => "rocksdb-tests";

    public TaskId TaskId { get; } = new(0, 0);

    public string StateDirectory { get; } = stateDirectory;

    public long CurrentTimestamp => 0;

    public Dictionary<string, IStateRestoreCallback?> Registered { get; } = [];

    public IStateRestoreCallback RestoreCallbackOf(string storeName) =>
        Registered[storeName] ?? throw new InvalidOperationException($"Store '{storeName}' registered no restore callback.");

    public void Register(IStateStore store, IStateRestoreCallback? restore) => Registered[store.Name] = restore;

    public void LogChange(string storeName, ReadOnlySpan<byte> key, byte[]? value, long timestamp) =>
        throw new InvalidOperationException("Byte stores must not log changes themselves; the change-logging layer does.");
}
