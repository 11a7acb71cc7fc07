namespace RecoStreams.Streams.Partitioning;

/// <summary>
/// Kafka's default partitioner for keyed records (Java's <c>DefaultPartitioner</c>/<c>BuiltInPartitioner</c>
/// and librdkafka's <c>murmur2_random</c>): <c>toPositive(murmur2(key)) % numPartitions</c>.
/// Producers of keyed topics and interactive-query routing both use it so that they agree on where a key lives.
/// </summary>
public static class Murmur2Partitioner
{
    public static int Partition(ReadOnlySpan<byte> key, int numPartitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numPartitions, 1);
        return Murmur2.ToPositive(Murmur2.Hash(key)) % numPartitions;
    }
}
