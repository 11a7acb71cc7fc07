namespace RecoStreams.Streams.Kafka.Producing;

/// <summary>
/// A record the producer could not deliver. Offsets must not be committed past it, so the task that
/// sent it has to be closed and its input replayed.
/// </summary>
public sealed class RecordDeliveryException : Exception
{
    public RecordDeliveryException(string message)
        : base(message)
    {
    }

    public RecordDeliveryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
