namespace RecoStreams.Streams.RocksDb;

/// <summary>
/// The store cannot serve the call in its current state, typically because it was closed (task
/// migrated or shutting down) while an interactive query was using it; the caller should re-discover
/// the store and retry. Mirrors Kafka Streams' InvalidStateStoreException.
/// </summary>
public sealed class InvalidStateStoreException : InvalidOperationException
{
    public InvalidStateStoreException()
    {
    }

    public InvalidStateStoreException(string message)
        : base(message)
    {
    }

    public InvalidStateStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static InvalidStateStoreException NotOpen(string storeName, Exception? cause = null) =>
        cause is null
            ? new($"State store '{storeName}' is not open: it may have been closed or migrated to another instance.")
            : new($"State store '{storeName}' is not open: it may have been closed or migrated to another instance.", cause);
}
