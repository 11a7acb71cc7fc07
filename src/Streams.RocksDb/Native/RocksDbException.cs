namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>A RocksDB call reported a failed Status; the message is RocksDB's own (e.g. "IO error: ...").</summary>
public sealed class RocksDbException : Exception
{
    public RocksDbException()
    {
    }

    public RocksDbException(string message)
        : base(message)
    {
    }

    public RocksDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
