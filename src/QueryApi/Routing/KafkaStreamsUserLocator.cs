using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Routing;

/// <summary>
/// Locates users through the running <see cref="KafkaStreams"/>: the user's partition (see
/// <see cref="KeyPartitions.UserPartition"/>) and the instance directory's host for that task.
/// </summary>
public sealed class KafkaStreamsUserLocator(KafkaStreams streams, IPartitionCountSource partitions, StreamsOptions options) : IUserLocator
{
    public string? RemoteOwner(string userId)
    {
        if (partitions.UserPartition(userId) is not { } partition)
        {
            return null;
        }

        try
        {
            var metadata = streams.QueryMetadataForPartition(RecoStoreNames.Profiles, partition);

            // A directory entry naming this instance is a moment stale (its tasks just moved): forwarding to
            // ourselves would only come back as 503.
            return !metadata.IsLocal && metadata.ActiveHost is { } host && !string.Equals(host, options.ApplicationServer, StringComparison.Ordinal)
                ? host
                : null;
        }
        catch (InvalidOperationException)
        {
            // Not started yet: the local query explains with a 503.
            return null;
        }
    }
}
