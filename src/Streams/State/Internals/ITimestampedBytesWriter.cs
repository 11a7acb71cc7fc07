namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// A key-value layer that can write with an explicit record timestamp. The caching layer flushes
/// entries written earlier, so it passes each entry's own time down for the changelog record.
/// </summary>
internal interface ITimestampedBytesWriter
{
    void Put(Bytes key, byte[]? value, long timestamp);
}
