namespace RecoStreams.Streams.Processor;

/// <summary>Lets a processor learn a topic's partition count, e.g. to check that a record sits where its key hashes.</summary>
public interface IPartitionCountContext
{
    /// <summary>The partition count of <paramref name="topic"/>, or null when the runtime does not know it.</summary>
    int? PartitionCount(string topic);
}

public static class PartitionCountExtensions
{
    /// <summary>The partition count of <paramref name="topic"/>, or null when this context cannot tell.</summary>
    public static int? PartitionCount<TKey, TValue>(this IProcessorContext<TKey, TValue> context, string topic)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is IPartitionCountContext counts ? counts.PartitionCount(topic) : null;
    }
}
