using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Dsl;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;
using StreamsTopology = RecoStreams.Streams.Topology;

namespace RecoStreams.Topology;

/// <summary>
/// Experiments and the feedback loop, added to the RecoStreams topology:
/// <list type="bullet">
/// <item>the experiments topic as a global table (and the in-memory <see cref="ExperimentCatalog"/> the read path assigns from);</item>
/// <item>feedback joined with its exposure by request id in a windowed left join (exposures re-keyed by request id);
/// feedback with no exposure in the window, or none named, is counted as unattributed, never dropped; exposures of
/// lists outside any experiment (marked by a header) and feedback on them (marked by its request id, see
/// <see cref="RequestIds"/>) stay out of the join, as they count in no experiment;</item>
/// <item>exposures and attributed feedback as experiment signals, re-keyed by experiment id, counted per variant in
/// tumbling windows of the experiment-counts store (one task owns each experiment: queries are routed to it);</item>
/// <item>clicks, carts, purchases and dismissals also go to the by-user topic as engagement events, so they shape profiles.</item>
/// </list>
/// </summary>
internal static class ExperimentSubtopology
{
    public const string ByExperimentRepartition = "by-experiment";

    public static void Add(
        StreamsTopology topology,
        RecoTopics topics,
        RecoTopologyOptions options,
        ISchemaRegistryClient registry,
        ExperimentCatalog catalog,
        RecoStreamsTopology.StoreFactory stores,
        string byUserTopic)
    {
        var experimentSerde = new ExperimentSerde();
        var exposureSerde = new ExposureSerde();
        var feedbackSerde = new FeedbackSerde();
        var signalSerde = new ExperimentSignalSerde();
        var served = new ConfluentAvroSerde<RecommendationServed, Exposure>(
            RecommendationServedContract.Instance, registry, ExposureMapper.ToContract, ExposureMapper.ToDomain);
        var feedbackWire = new ConfluentAvroSerde<RecommendationFeedback, Feedback>(
            RecommendationFeedbackContract.Instance, registry, FeedbackMapper.ToContract, FeedbackMapper.ToDomain);

        topology.AddGlobalStore(
            stores.KeyValue(RecoStoreNames.Experiments, Serdes.String, experimentSerde).WithLoggingDisabled(),
            "experiments-source", topics.Experiments, Serdes.String, experimentSerde,
            "experiments-table", () => new ExperimentTableProcessor(RecoStoreNames.Experiments, catalog));

        var builder = new StreamsBuilder(topology);
        // Exposures of lists outside any experiment count nowhere: passed over by their request id, before any work.
        var exposures = builder.Stream(RecoTopics.RecommendationServed, Serdes.String, served, skipWhen: ServedRecords.IsOutsideExperiments);
        var feedback = builder.Stream(RecoTopics.RecommendationFeedback, Serdes.String, feedbackWire);

        feedback
            .MapValues((_, f) => FeedbackMapper.ToEngagementEvent(f))
            .Filter((_, e) => e is not null)
            .MapValues((_, e) => e!)
            .To(byUserTopic, Serdes.String, InputSerdes.EngagementEvents(registry));

        var experiment = options.Experiments;
        var windows = JoinWindows.OfTimeDifferenceAndGrace(experiment.ClockSkew, experiment.Grace).Before(experiment.AttributionWindow);
        var joined = new StreamJoined<string, Feedback, Exposure>(RecoStoreNames.Attribution)
        {
            KeySerde = Serdes.String,
            ValueSerde = feedbackSerde,
            OtherValueSerde = exposureSerde,
            StoreSupplier = stores.WindowSupplier,
        };
        // The join's repartition topics and window stores are keyed by request id, where an erase cannot find a
        // user: they keep no user id. Feedback whose request id says its list was outside any experiment counts in
        // none (as when its exposure is found), so it does not look for the exposure the source passed over.
        var attributed = feedback
            .Filter((_, f) => f.RequestId is { } requestId && !RequestIds.IsOutsideExperiments(requestId))
            .MapValues((_, f) => f.WithoutUser())
            .SelectKey((_, f) => f.RequestId!, Serdes.String)
            .LeftJoin(
                exposures.MapValues((_, e) => e.WithoutUser()).SelectKey((_, e) => e.RequestId, Serdes.String),
                (f, e) => Attribution.OfFeedback(f, e),
                windows,
                joined);
        var withoutRequest = feedback
            .Filter((_, f) => f.RequestId is null)
            .MapValues((_, f) => Attribution.OfFeedback(f, exposure: null));

        exposures
            .MapValues((_, e) => Attribution.OfExposure(e))
            .Merge(attributed)
            .Merge(withoutRequest)
            .Filter((_, s) => s is not null)
            .SelectKey((_, s) => s!.ExperimentId, Serdes.String)
            .MapValues((_, s) => s!, signalSerde)
            .Repartition(ByExperimentRepartition, Serdes.String, signalSerde)
            .Process<string, ExperimentSignal>(
                () => new ExperimentCountsProcessor(RecoStoreNames.ExperimentCounts, experiment.CountWindow),
                [stores.Window(
                    RecoStoreNames.ExperimentCounts,
                    (long)experiment.CountWindow.TotalMilliseconds,
                    (long)experiment.CountRetention.TotalMilliseconds,
                    new ExperimentCountsSerde())]);
    }
}
