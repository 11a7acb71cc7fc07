using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Routing;

/// <summary>
/// Locates users through the running <see cref="KafkaStreams"/>: the user's partition of engagement-events
/// (which the by-user stores are co-partitioned with) and the instance directory's host for that task.
/// </summary>
public sealed class KafkaStreamsUserLocator(KafkaStreams streams, IPartitionCountSource partitions, StreamsOptions options) : IUserLocator
{
    public UserLocation Locate(string userId)
    {
        if (partitions.PartitionCount(RecoTopics.EngagementEvents) is not { } count)
        {
            return UserLocation.Unknown;
        }

        try
        {
            var metadata = streams.QueryMetadataForPartition(RecoStoreNames.Profiles, KeyPartitions.Of(userId, count));
            if (metadata.IsLocal)
            {
                return UserLocation.Local;
            }

            // A directory entry naming this instance is a moment stale (its tasks just moved): forwarding to
            // ourselves would only come back as 503.
            return metadata.ActiveHost is { } host && !string.Equals(host, options.ApplicationServer, StringComparison.Ordinal)
                ? new UserLocation(false, host)
                : UserLocation.Unknown;
        }
        catch (InvalidOperationException)
        {
            // Not started yet: the local query explains with a 503.
            return UserLocation.Unknown;
        }
    }
}
