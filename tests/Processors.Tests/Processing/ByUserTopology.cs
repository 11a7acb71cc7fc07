using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Serdes;
using RecoStreams.Processors.Tests.Support;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using StreamSerdes = RecoStreams.Streams.Serialization.Serdes;
using StreamsTopology = RecoStreams.Streams.Topology;

namespace RecoStreams.Processors.Tests.Processing;

/// <summary>The by-user subtopology wired as the lead will wire it, over in-memory stores, in a test driver.</summary>
internal sealed class ByUserTopology : IDisposable
{
    public const string Events = "engagement-events";
    public const string Catalog = "catalog-items";
    public const string Stats = "item-stats";
    public const string Refresh = "refresh-requests";
    public const string Recommendations = "recommendation-updated";
    public const string ItemUpdates = "item-updates";
    public const string PendingDlq = "pending-dlq";
    public const string Dlq = "test-driver-dlq";
    public const string Consents = "consents";
    public const string EraseRequests = "erase-requests";
    public const string Audit = "user-erased";

    public static readonly long Start = TestData(2026);

    public ByUserTopology(ValidationOptions? validation = null, PrivacyOptions? privacy = null)
    {
        var options = validation ?? new ValidationOptions();
        Privacy = privacy ?? new PrivacyOptions();
        Hash = new UserIdHash(Privacy.UserIdHashKey);
        var privacyStores = new PrivacyStores("event-ids", "pending", "profiles", "dirty-users", "recommendations", "erase-watermarks", "consents");
        var consent = new ConsentPolicy(Privacy);
        var trending = new TrendingIndex(100, TimeSpan.FromDays(1));
        var readCache = new ItemReadCache(1_000);
        var updater = new ProfileUpdater(new AffinityOptions(), new CoVisitationOptions());
        var recommenderOptions = new RecommenderOptions { ListSize = 3 };
        var recommender = new Recommender(recommenderOptions, new AffinityOptions(), new UserClassOptions());
        var stores = new RecommendationStores("profiles", "dirty-users", "recommendations", "catalog", "item-stats");
        var topology = new StreamsTopology()
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("catalog"), StreamSerdes.String, new CatalogItemSerde()).WithLoggingDisabled(),
                "catalog-source", Catalog, StreamSerdes.String, new CatalogItemSerde(), "catalog-table", () => new CatalogTableProcessor("catalog", trending, readCache))
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("item-stats"), StreamSerdes.String, new ItemStatsSerde()).WithLoggingDisabled(),
                "stats-source", Stats, StreamSerdes.String, new ItemStatsSerde(), "stats-table", () => new ItemStatsTableProcessor("item-stats", trending, readCache))
            .AddGlobalStore(
                Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("consents"), StreamSerdes.String, new ConsentRecordSerde()).WithLoggingDisabled(),
                "consents-source", Consents, StreamSerdes.String, new ConsentRecordSerde(), "consents-table", () => new ConsentTableProcessor("consents"))
            .AddSource("events", Events, StreamSerdes.String, new EngagementEventSerde())
            .AddProcessor("privacy-gate", () => new PrivacyGateProcessor<EngagementEvent>(privacyStores, consent, Hash, e => (e.UserId, e.OccurredAtMs), Counters), "events")
            .AddProcessor("validate", () => new EventValidationProcessor(options, Counters), "privacy-gate")
            .AddProcessor("dedup", () => new DeduplicationProcessor("event-ids", options, Counters), "validate")
            .AddProcessor("gate", () => new PendingEnrichmentProcessor("pending", "catalog", "profile", "expired", options, Counters), "dedup")
            .AddProcessor("profile", () => new UserProfileProcessor("profiles", "dirty-users", "catalog", updater, Counters), "gate")
            .AddSink("expired", PendingDlq, StreamSerdes.String, new EngagementEventSerde(), "gate")
            .AddSink("item-updates", ItemUpdates, StreamSerdes.String, new ItemUpdateSerde(), "profile")
            .AddSource("refresh", Refresh, StreamSerdes.String, new RefreshRequestSerde())
            .AddProcessor(
                "refresh-gate",
                () => new PrivacyGateProcessor<RefreshRequest>(privacyStores, consent, Hash, r => (r.UserId, r.RequestedAt.ToUnixTimeMilliseconds()), Counters),
                "refresh")
            .AddProcessor("recommend", () => new RecommendationProcessor(stores, recommender, trending, readCache, recommenderOptions, Counters), "refresh-gate")
            .AddSource("erase-source", EraseRequests, StreamSerdes.String, new EraseRequestSerde())
            .AddProcessor("erase", () => new UserErasureProcessor(privacyStores, Privacy, Hash, new ErasureChildren("audit", "erased-list", "erased-consent"), Counters), "erase-source")
            .AddSink("audit", Audit, StreamSerdes.String, new UserErasureSerde(), "erase")
            .AddProcessor("erased-list", () => new TombstoneProcessor<RecommendationUpdate>(), "erase")
            .AddProcessor("erased-consent", () => new TombstoneProcessor<ConsentRecord>(), "erase")
            .AddSink("consents-sink", Consents, StreamSerdes.String, new ConsentRecordSerde(), "erased-consent")
            .AddSink("recommendations", Recommendations, StreamSerdes.String, new RecommendationUpdateSerde(), "recommend", "erased-list")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("event-ids"), StreamSerdes.String, StreamSerdes.Long), "dedup", "erase")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("pending"), StreamSerdes.String, new PendingEventsSerde()), "gate", "erase")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("profiles"), StreamSerdes.String, new UserProfileSerde()), "profile", "recommend", "erase")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("dirty-users"), StreamSerdes.String, StreamSerdes.Long), "profile", "recommend", "erase")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("recommendations"), StreamSerdes.String, new RecommendationListSerde()), "recommend", "erase")
            .AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("erase-watermarks"), StreamSerdes.String, StreamSerdes.Long), "privacy-gate", "refresh-gate", "erase");
        Driver = new TopologyTestDriver(topology, initialWallClockMs: Start);
        EventInput = Driver.CreateInputTopic(Events, StreamSerdes.String, new EngagementEventSerde());
        CatalogInput = Driver.CreateInputTopic(Catalog, StreamSerdes.String, new CatalogItemSerde());
        StatsInput = Driver.CreateInputTopic(Stats, StreamSerdes.String, new ItemStatsSerde());
        RefreshInput = Driver.CreateInputTopic(Refresh, StreamSerdes.String, new RefreshRequestSerde());
        RecommendationOutput = Driver.CreateOutputTopic(Recommendations, StreamSerdes.String, new RecommendationUpdateSerde());
        ItemUpdateOutput = Driver.CreateOutputTopic(ItemUpdates, StreamSerdes.String, new ItemUpdateSerde());
        PendingDlqOutput = Driver.CreateOutputTopic(PendingDlq, StreamSerdes.String, new EngagementEventSerde());
        DlqOutput = Driver.CreateOutputTopic(Dlq, StreamSerdes.ByteArray, StreamSerdes.ByteArray);
        ConsentInput = Driver.CreateInputTopic(Consents, StreamSerdes.String, new ConsentRecordSerde());
        ConsentOutput = Driver.CreateOutputTopic(Consents, StreamSerdes.String, new ConsentRecordSerde());
        EraseInput = Driver.CreateInputTopic(EraseRequests, StreamSerdes.String, new EraseRequestSerde());
        AuditOutput = Driver.CreateOutputTopic(Audit, StreamSerdes.String, new UserErasureSerde());
    }

    public PrivacyOptions Privacy { get; }

    public UserIdHash Hash { get; }

    public TestInputTopic<string, ConsentRecord> ConsentInput { get; }

    /// <summary>Consent tombstones the erase writes (the driver does not feed them back into the global table).</summary>
    public TestOutputTopic<string, ConsentRecord> ConsentOutput { get; }

    public TestInputTopic<string, EraseRequest> EraseInput { get; }

    public TestOutputTopic<string, UserErasure> AuditOutput { get; }

    public StreamCounters Counters { get; } = new();

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, EngagementEvent> EventInput { get; }

    public TestInputTopic<string, CatalogItem> CatalogInput { get; }

    public TestInputTopic<string, ItemStats> StatsInput { get; }

    public TestInputTopic<string, RefreshRequest> RefreshInput { get; }

    public TestOutputTopic<string, RecommendationUpdate> RecommendationOutput { get; }

    public TestOutputTopic<string, ItemUpdate> ItemUpdateOutput { get; }

    public TestOutputTopic<string, EngagementEvent> PendingDlqOutput { get; }

    public TestOutputTopic<byte[], byte[]> DlqOutput { get; }

    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(Driver.WallClockMs);

    public void AddItem(CatalogItem item, double popularity = 0)
    {
        CatalogInput.PipeInput(item.ItemId, item, Driver.WallClockMs);
        if (popularity > 0)
        {
            StatsInput.PipeInput(item.ItemId, new ItemStats(item.ItemId, Driver.WallClockMs, [], popularity, 1, [], item.Genres), Driver.WallClockMs);
        }
    }

    public void Send(EngagementEvent e) => EventInput.PipeInput(e.UserId, e, e.OccurredAtMs);

    public void Erase(string userId, ErasureReason reason = ErasureReason.Request) =>
        EraseInput.PipeInput(userId, new EraseRequest(userId, reason, Driver.WallClockMs), Driver.WallClockMs);

    public void SetConsent(string userId, bool personalisation) =>
        ConsentInput.PipeInput(userId, new ConsentRecord(userId, personalisation, Driver.WallClockMs), Driver.WallClockMs);

    public void Dispose() => Driver.Dispose();

    private static long TestData(int year) => new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
