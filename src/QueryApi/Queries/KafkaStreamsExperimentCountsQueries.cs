using RecoStreams.Hosting.Http;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.State;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// The experiment-counts store of a running <see cref="KafkaStreams"/>. The by-experiment repartition topic
/// has the partition count of recommendation-served (its upstream), and its keys are murmur2-hashed experiment ids.
/// </summary>
public sealed class KafkaStreamsExperimentCountsQueries(KafkaStreams streams, IPartitionCountSource partitions, StreamsOptions options)
    : IExperimentCountsQueries
{
    public string? RemoteOwner(string experimentId)
    {
        if (Partition(experimentId) is not { } partition)
        {
            return null;
        }

        try
        {
            var metadata = streams.QueryMetadataForPartition(RecoStoreNames.ExperimentCounts, partition);
            return !metadata.IsLocal && metadata.ActiveHost is { } host && !string.Equals(host, options.ApplicationServer, StringComparison.Ordinal)
                ? host
                : null;
        }
        catch (InvalidOperationException)
        {
            return null; // Not started yet: the local query explains with a 503.
        }
    }

    public ExperimentCounts Counts(string experimentId, long fromMs = 0, long? toMs = null)
    {
        var state = streams.State;
        if (state != KafkaStreamsState.Running)
        {
            throw QueryUnavailable.NotRunning(state.ToString());
        }

        var partition = Partition(experimentId) ?? throw QueryUnavailable.NoPartitionCount(RecoTopics.RecommendationServed);
        try
        {
            return ExperimentCountsProcessor.Total(
                streams.Store<IReadOnlyWindowStore<string, ExperimentCounts>>(RecoStoreNames.ExperimentCounts, partition), experimentId, fromMs, toMs);
        }
        catch (InvalidOperationException)
        {
            throw QueryUnavailable.NotLocal(partition);
        }
    }

    public IReadOnlyDictionary<string, ExperimentCounts> LocalCounts()
    {
        var totals = new Dictionary<string, ExperimentCounts>(StringComparer.Ordinal);
        if (streams.State != KafkaStreamsState.Running)
        {
            return totals;
        }

        try
        {
            foreach (var store in streams.Stores<IReadOnlyWindowStore<string, ExperimentCounts>>(RecoStoreNames.ExperimentCounts).Values)
            {
                using var all = store.All();
                while (all.MoveNext())
                {
                    var (window, counts) = all.Current;
                    if (!totals.TryGetValue(window.Key, out var total))
                    {
                        totals[window.Key] = total = new ExperimentCounts();
                    }

                    total.Add(counts);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // A rebalance closed a store mid-scan: this scrape reports nothing rather than a partial sum.
            totals.Clear();
        }

        return totals;
    }

    private int? Partition(string experimentId) =>
        partitions.PartitionCount(RecoTopics.RecommendationServed) is { } count ? KeyPartitions.Of(experimentId, count) : null;
}
