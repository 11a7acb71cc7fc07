using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Caching;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// A store context for layer tests: records changelog writes, offers a record cache, and runs the commit step
/// of deferred stores on <see cref="Commit"/>.
/// </summary>
internal sealed class RecordingStoreContext(long cacheBytes) : IStateStoreContext, IRecordCacheProvider, IDeferredWriteRegistry
{
    private readonly List<IDeferredWrites> _deferred = [];

    public string ApplicationId => "app";

    public TaskId TaskId => new(0, 0);

    public string StateDirectory => Path.GetTempPath();

    public long CurrentTimestamp { get; set; }

    public ThreadCache Cache { get; } = new(cacheBytes);

    public List<(string Store, byte[] Key, byte[]? Value, long Timestamp)> Logged { get; } = [];

    public List<IStateRestoreCallback> Callbacks { get; } = [];

    public void Register(IStateStore store, IStateRestoreCallback? restore)
    {
        if (restore is not null)
        {
            Callbacks.Add(restore);
        }
    }

    public void RegisterDeferredWrites(IDeferredWrites store) => _deferred.Add(store);

    public void Commit() => _deferred.ForEach(d => d.WriteDeferred());

    public void LogChange(string storeName, ReadOnlySpan<byte> key, byte[]? value, long timestamp) =>
        Logged.Add((storeName, key.ToArray(), value, timestamp));
}
