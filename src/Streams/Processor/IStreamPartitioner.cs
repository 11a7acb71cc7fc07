namespace RecoStreams.Streams.Processor;

/// <summary>Chooses the partition a sink writes a record to, instead of murmur2 of the serialized key.</summary>
public interface IStreamPartitioner<in TKey, in TValue>
{
    /// <returns>A partition in [0, numPartitions), or null to fall back to murmur2 of the key.</returns>
    int? Partition(string topic, TKey key, TValue value, int numPartitions);
}
