using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.State.Internals;

/// <summary>Implemented by runtime store contexts that give caching stores a shared record cache.</summary>
internal interface IRecordCacheProvider
{
    ThreadCache Cache { get; }
}
