using System.Text;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Processor;

namespace RecoStreams.Topology.Placement;

/// <summary>
/// Tolerates foreign producers of engagement-events. The by-user stores, and the query router, assume an
/// event is keyed by its user_id and sits on murmur2(user_id) % partitions. An event keyed otherwise, or
/// placed by another partitioner (librdkafka's default consistent_random is CRC32), is re-keyed by user_id and
/// sent through the by-user repartition topic (Kafka Streams' selectKey + repartition), whose sink places it
/// with murmur2; it comes back to the task owning the user. Well-placed events, the usual case, go straight on.
/// </summary>
public sealed class UserPlacementProcessor(string placedChild, string repartitionChild) : IProcessor<string, EngagementEvent, string, EngagementEvent>
{
    private IProcessorContext<string, EngagementEvent>? _context;

    public void Init(IProcessorContext<string, EngagementEvent> context) => _context = context;

    public void Process(Record<string, EngagementEvent> record)
    {
        var context = _context ?? throw new InvalidOperationException("Init was not called.");
        var user = record.Value?.UserId;
        // An event without a user cannot be placed by it: validation dead-letters it where it is.
        if (string.IsNullOrEmpty(user) || IsPlaced(context, record.Key, user))
        {
            context.Forward(record, placedChild);
            return;
        }

        context.Forward(record.WithKey(user), repartitionChild);
    }

    public void Close()
    {
    }

    private static bool IsPlaced(IProcessorContext<string, EngagementEvent> context, string? key, string user)
    {
        if (!string.Equals(key, user, StringComparison.Ordinal))
        {
            return false;
        }

        return context.RecordMetadata is not { } source
            || context.PartitionCount(source.Topic) is not { } partitions
            || Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(user), partitions) == source.Partition;
    }
}
