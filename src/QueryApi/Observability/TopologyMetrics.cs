using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using RecoStreams.Processors.Processing;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// The "RecoStreams.Topology" meter: the domain's <see cref="StreamCounters"/> as counters, the freshness
/// and item-stats publish lag histograms fed by its events, and schema-registry calls. A hosted service so
/// that it subscribes when the host starts, before the streams runtime processes anything.
/// </summary>
public sealed class TopologyMetrics : IHostedService, IDisposable
{
    public const string MeterName = "RecoStreams.Topology";

    private readonly StreamCounters _counters;
    private readonly Histogram<double> _freshness;
    private readonly Histogram<double> _itemStatsLag;

    public TopologyMetrics(IMeterFactory meterFactory, RecoStreamsTopology topology, SchemaRegistryCalls registryCalls)
    {
        _counters = topology.Counters;
        var meter = meterFactory.Create(MeterName);
        _freshness = meter.CreateHistogram<double>(
            "recostreams.recommendation.freshness", "s",
            "Time from a user's latest event (event time) to the emit of their changed recommendations.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _itemStatsLag = meter.CreateHistogram<double>(
            "recostreams.item_stats.publish.lag", "s",
            "Time an item's latest update waited for its ItemStats to be published.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });
        Count(meter, "recostreams.events.invalid", "Events that failed validation (dead-lettered).", c => c.InvalidEvents);
        Count(meter, "recostreams.events.deduplicated", "Events dropped as duplicates of an event id already applied.", c => c.DuplicatesDropped);
        Count(meter, "recostreams.events.pending", "Events parked because their item was not (yet) in the catalog.", c => c.PendingHeld);
        Count(meter, "recostreams.events.expired", "Parked events dead-lettered: TTL passed or the per-item bound overflowed.", c => c.PendingExpired);
        Count(meter, "recostreams.events.applied", "Events folded into a user profile.", c => c.EventsApplied);
        Count(meter, "recostreams.events.join_misses", "Events whose item left the catalog between enrichment and the profile join.", c => c.JoinMisses);
        Count(meter, "recostreams.window_updates.late", "Window updates skipped because the window had closed.", c => c.LateWindowUpdatesDropped);
        Count(meter, "recostreams.item_updates.sent", "Item update records (a signal with its item's co-visitation pairs, or one pair) sent to the by-item subtopology.", c => c.ItemUpdatesSent);
        Count(meter, "recostreams.item_updates.applied", "Item updates folded into an item's aggregate.", c => c.ItemUpdatesApplied);
        Count(meter, "recostreams.item_stats.published", "ItemStats records published.", c => c.ItemStatsPublished);
        Count(meter, "recostreams.events.consent_missing", "Records of users without consent to personalisation, dropped before validation.", c => c.ConsentMissingDropped);
        Count(meter, "recostreams.events.erased_user", "Records of erased users not newer than their erase, dropped.", c => c.ErasedUserRecordsDropped);
        Count(meter, "recostreams.users.erased", "Users whose personal data was removed (request, withdrawn consent, retention).", c => c.UsersErased);
        Count(meter, "recostreams.recommendations.emitted", "Recommendation lists emitted because they changed.", c => c.RecommendationsEmitted);
        meter.CreateObservableCounter(
            "recostreams.schema_registry.calls",
            () => registryCalls.Snapshot().Select(c => new Measurement<long>(
                c.Count, new KeyValuePair<string, object?>("operation", c.Operation), new KeyValuePair<string, object?>("outcome", c.Outcome))),
            "{call}",
            "Schema-registry calls by operation and outcome.");
        _counters.RecommendationFreshness += OnFreshness;
        _counters.ItemStatsPublishLag += OnItemStatsLag;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _counters.RecommendationFreshness -= OnFreshness;
        _counters.ItemStatsPublishLag -= OnItemStatsLag;
    }

    private void Count(Meter meter, string name, string description, Func<StreamCounters, long> read) =>
        meter.CreateObservableCounter(name, () => read(_counters), "{record}", description);

    private void OnFreshness(TimeSpan freshness) => _freshness.Record(freshness.TotalSeconds);

    private void OnItemStatsLag(TimeSpan lag) => _itemStatsLag.Record(lag.TotalSeconds);
}
