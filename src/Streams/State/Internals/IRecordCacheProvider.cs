using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Implemented by store contexts that give caching stores a shared record cache (the runtime's task
/// contexts, and harnesses such as benchmarks). Without it a caching store caches nothing.
/// </summary>
public interface IRecordCacheProvider
{
    ThreadCache Cache { get; }
}
