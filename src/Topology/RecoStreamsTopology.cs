using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.RocksDb;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Builders;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;
using StreamsTopology = RecoStreams.Streams.Topology;

namespace RecoStreams.Topology;

/// <summary>
/// The RecoStreams topology (see the architecture in the README):
/// <list type="number">
/// <item>by user, co-partitioned with engagement-events: validate (bad → DLQ), drop duplicate event ids,
/// hold events whose item is not in the catalog yet, update the user's profile, re-key item signals and
/// co-visitation pairs by item, and recompute dirty users' lists every recompute interval (250 ms by default) or on a refresh request;</item>
/// <item>by item: windowed popularity and decayed co-visitation, published as ItemStats;</item>
/// <item>global: the catalog and the published item stats on every instance, feeding the trending index, and
/// the models table (trained versions and the activation), so every instance serves the same version, and
/// users' consents.</item>
/// </list>
/// Privacy (docs/privacy.md): a gate ahead of validation drops records of users without consent or older than
/// their erase; erase requests, co-partitioned with the events, are carried out by the task owning the user.
/// Public topics use Avro in Confluent's wire format; internal topics and stores use the domain's
/// versioned binary serdes. Stores that record progress rather than results (event ids seen, parked
/// events, dirty marks, the last list emitted) defer their writes to the commit, so after a crash they
/// never claim work whose effect was lost (docs/reliability.md, "Crash model").
/// </summary>
public sealed class RecoStreamsTopology
{
    private const string ByItemRepartition = "by-item";
    private const string ByUserRepartition = "by-user";

    private RecoStreamsTopology(
        StreamsTopology topology, StreamCounters counters, TrendingIndex trending, RecoTopics topics, ActiveModel activeModel, ExperimentCatalog experiments, ServingRecommenders recommenders)
    {
        Topology = topology;
        Counters = counters;
        Trending = trending;
        Topics = topics;
        ActiveModel = activeModel;
        Experiments = experiments;
        Recommenders = recommenders;
    }

    public StreamsTopology Topology { get; }

    /// <summary>Domain counters (invalid, duplicates, pending, late, emitted) for metrics.</summary>
    public StreamCounters Counters { get; }

    /// <summary>Trending items overall and per genre/creator/language, maintained from the item-stats table.</summary>
    public TrendingIndex Trending { get; }

    public RecoTopics Topics { get; }

    /// <summary>The model version this instance serves, as read from the models global table.</summary>
    public ActiveModel ActiveModel { get; }
    /// <summary>The running experiments, from the experiments global table, for assignment on the read path.</summary>
    public ExperimentCatalog Experiments { get; }

    /// <summary>The recommender of each model version (a config version's own settings), for lists computed on the read path.</summary>
    public ServingRecommenders Recommenders { get; }

    public static RecoStreamsTopology Build(RecoTopologyOptions options, ISchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        options.Privacy.Validate();
        var topics = new RecoTopics(options.ApplicationId);
        var counters = new StreamCounters();
        var trending = new TrendingIndex(options.Popularity.TrendingCapacity, options.Popularity.HalfLife);
        var readCache = new ItemReadCache(options.Recommender.ItemReadCacheCapacity);
        var stores = new StoreFactory(options);
        var activeModel = new ActiveModel();

        var events = InputSerdes.EngagementEvents(registry);
        var catalog = InputSerdes.CatalogItems(registry);
        var itemStats = new ConfluentAvroSerde<ItemStats, Domain.ItemStats>(
            ItemStatsContract.Instance, registry, ItemStatsMapper.ToContract, ItemStatsMapper.ToDomain);
        var recommendations = new ConfluentAvroSerde<RecommendationUpdated, Domain.RecommendationUpdate>(
            RecommendationUpdatedContract.Instance,
            registry,
            RecommendationMapper.ToContract,
            RecommendationMapper.ToDomain);

        var updater = new ProfileUpdater(options.Affinity, options.CoVisitation);
        var recommender = new Recommender(options.Recommender, options.Affinity, options.UserClasses);
        var servingRecommenders = new ServingRecommenders(recommender, options.Recommender, options.Affinity, options.UserClasses);
        var aggregator = new ItemAggregator(options.Popularity, options.CoVisitation);
        var recommendationStores = new RecommendationStores(
            RecoStoreNames.Profiles, RecoStoreNames.DirtyUsers, RecoStoreNames.Recommendations, RecoStoreNames.Catalog, RecoStoreNames.ItemStats, RecoStoreNames.Models);
        var privacyStores = new PrivacyStores(
            RecoStoreNames.EventIds,
            RecoStoreNames.PendingEnrichment,
            RecoStoreNames.Profiles,
            RecoStoreNames.DirtyUsers,
            RecoStoreNames.Recommendations,
            RecoStoreNames.EraseWatermarks,
            RecoStoreNames.Consents);
        var consent = new ConsentPolicy(options.Privacy);
        var userIdHash = new UserIdHash(options.Privacy.UserIdHashKey);
        var consents = new ConfluentAvroSerde<Consent, ConsentRecord>(ConsentContract.Instance, registry, PrivacyMappers.ToContract, PrivacyMappers.ToDomain);
        var erasures = new ConfluentAvroSerde<UserErased, UserErasure>(UserErasedContract.Instance, registry, PrivacyMappers.ToContract, PrivacyMappers.ToDomain);
        var windowLabels = aggregator.Windows.Select(w => WindowLabels.Format(w.SizeMs)).ToList();
        var itemStores = new ItemStores(
            RecoStoreNames.ItemAggregates,
            RecoStoreNames.ItemCounts,
            RecoStoreNames.DirtyItems,
            windowLabels.Select(RecoStoreNames.Popularity).ToList(),
            RecoStoreNames.ItemStats);

        var topology = new StreamsTopology();
        var byItem = topology.AddRepartitionTopic(ByItemRepartition);
        var byUser = topology.AddRepartitionTopic(ByUserRepartition);

        // Global tables: every instance sees the whole catalog and all published item stats.
        topology
            .AddGlobalStore(
                stores.KeyValue(RecoStoreNames.Catalog, Serdes.String, new CatalogItemSerde()).WithLoggingDisabled(),
                "catalog-source", RecoTopics.CatalogItems, Serdes.String, catalog,
                "catalog-table", () => new CatalogTableProcessor(RecoStoreNames.Catalog, trending, readCache))
            .AddGlobalStore(
                stores.KeyValue(RecoStoreNames.ItemStats, Serdes.String, new ItemStatsSerde()).WithLoggingDisabled(),
                "item-stats-source", topics.ItemStats, Serdes.String, itemStats,
                "item-stats-table", () => new ItemStatsTableProcessor(RecoStoreNames.ItemStats, trending, readCache))
            .AddGlobalStore(
                stores.KeyValue(RecoStoreNames.Models, Serdes.String, new ModelRecordSerde()).WithLoggingDisabled(),
                "models-source", topics.Models, Serdes.String, new ModelRecordSerde(),
                "models-table", () => new ModelTableProcessor(RecoStoreNames.Models, activeModel))
            .AddGlobalStore(
                stores.KeyValue(RecoStoreNames.Consents, Serdes.String, new ConsentRecordSerde()).WithLoggingDisabled(),
                "consents-source", topics.Consents, Serdes.String, consents,
                "consents-table", () => new ConsentTableProcessor(RecoStoreNames.Consents));

        // By user. Events a foreign producer keyed or placed otherwise than murmur2(user_id) detour through by-user.
        topology
            .AddSource("events-source", RecoTopics.EngagementEvents, Serdes.String, events)
            .AddProcessor("place-by-user", () => new Placement.UserPlacementProcessor("privacy-gate", "by-user-sink"), "events-source")
            .AddSink("by-user-sink", byUser, Serdes.String, events, "place-by-user")
            .AddSource("by-user-source", byUser, Serdes.String, events)
            .AddProcessor(
                "privacy-gate",
                () => new PrivacyGateProcessor<Domain.EngagementEvent>(privacyStores, consent, userIdHash, e => (e.UserId, e.OccurredAtMs), counters),
                "place-by-user",
                "by-user-source")
            .AddProcessor("validate", () => new EventValidationProcessor(options.Validation, counters), "privacy-gate")
            .AddProcessor("deduplicate", () => new DeduplicationProcessor(RecoStoreNames.EventIds, options.Validation, counters), "validate")
            .AddProcessor(
                "await-catalog",
                () => new PendingEnrichmentProcessor(
                    RecoStoreNames.PendingEnrichment, RecoStoreNames.Catalog, "profile", "pending-expired", options.Validation, counters),
                "deduplicate")
            .AddSink("pending-expired", RecoTopics.EngagementEventsDeadLetter, Serdes.String, events, "await-catalog")
            .AddProcessor(
                "profile",
                () => new UserProfileProcessor(RecoStoreNames.Profiles, RecoStoreNames.DirtyUsers, RecoStoreNames.Catalog, updater, counters),
                "await-catalog")
            .AddSink("by-item-sink", byItem, Serdes.String, new ItemUpdateSerde(), "profile")
            .AddSource("refresh-source", topics.RefreshRequests, Serdes.String, new RefreshRequestSerde())
            .AddProcessor(
                "refresh-privacy-gate",
                () => new PrivacyGateProcessor<Domain.RefreshRequest>(
                    privacyStores, consent, userIdHash, r => (r.UserId, r.RequestedAt.ToUnixTimeMilliseconds()), counters),
                "refresh-source")
            .AddProcessor(
                "recommend",
                () => new RecommendationProcessor(recommendationStores, recommender, trending, readCache, options.Recommender, counters, activeModel, servingRecommenders),
                "refresh-privacy-gate")
            .AddSource("erase-source", topics.EraseRequests, Serdes.String, new EraseRequestSerde())
            .AddProcessor(
                "erase",
                () => new UserErasureProcessor(
                    privacyStores, options.Privacy, userIdHash, new ErasureChildren("erasure-audit-sink", "erased-list", "erased-consent"), counters),
                "erase-source")
            .AddSink("erasure-audit-sink", RecoTopics.UserErased, Serdes.String, erasures, "erase")
            .AddProcessor("erased-list", () => new TombstoneProcessor<Domain.RecommendationUpdate>(), "erase")
            .AddProcessor("erased-consent", () => new TombstoneProcessor<ConsentRecord>(), "erase")
            .AddSink("consents-sink", topics.Consents, Serdes.String, consents, "erased-consent")
            .AddSink("recommendations-sink", RecoTopics.RecommendationUpdated, Serdes.String, recommendations, "recommend", "erased-list")
            .AddStateStore(stores.KeyValue(RecoStoreNames.EventIds, Serdes.String, Serdes.Long).WithWritesDeferredToCommit(), "deduplicate", "erase")
            .AddStateStore(stores.KeyValue(RecoStoreNames.PendingEnrichment, Serdes.String, new PendingEventsSerde()).WithWritesDeferredToCommit(), "await-catalog", "erase")
            .AddStateStore(stores.KeyValue(RecoStoreNames.Profiles, Serdes.String, new UserProfileSerde()).WithCachingEnabled().WithDecodedValuesKept(options.Affinity.DecodedProfileCapacity), "profile", "recommend", "erase")
            .AddStateStore(stores.KeyValue(RecoStoreNames.DirtyUsers, Serdes.String, Serdes.Long).WithWritesDeferredToCommit().WithContentsMirroredInMemory(), "profile", "recommend", "erase")
            .AddStateStore(stores.KeyValue(RecoStoreNames.Recommendations, Serdes.String, new RecommendationListSerde()).WithWritesDeferredToCommit().WithDecodedValuesKept(options.Recommender.DecodedListCapacity), "recommend", "erase")
            .AddStateStore(stores.KeyValue(RecoStoreNames.EraseWatermarks, Serdes.String, Serdes.Long), "privacy-gate", "refresh-privacy-gate", "erase");

        // By item.
        topology
            .AddSource("by-item-source", byItem, Serdes.String, new ItemUpdateSerde())
            .AddProcessor(
                "aggregate-items",
                () => new ItemAggregationProcessor(itemStores, aggregator, options.Popularity.PublishInterval, counters, readCache),
                "by-item-source")
            .AddSink("item-stats-sink", topics.ItemStats, Serdes.String, itemStats, "aggregate-items")
            .AddStateStore(
                stores.KeyValue(RecoStoreNames.ItemAggregates, Serdes.String, new ItemAggregateSerde())
                    .WithCachingEnabled().WithDecodedValuesKept(options.CoVisitation.DecodedAggregateCapacity, encodeOnFlush: true),
                "aggregate-items")
            .AddStateStore(
                stores.KeyValue(RecoStoreNames.ItemCounts, Serdes.String, new DecayedScoreSerde())
                    .WithCachingEnabled().WithDecodedValuesKept(options.CoVisitation.DecodedCountCapacity),
                "aggregate-items")
            .AddStateStore(stores.KeyValue(RecoStoreNames.DirtyItems, Serdes.String, Serdes.Long).WithWritesDeferredToCommit().WithContentsMirroredInMemory(), "aggregate-items");
        for (var i = 0; i < aggregator.Windows.Count; i++)
        {
            var windows = aggregator.Windows[i];
            topology.AddStateStore(
                stores.Window(itemStores.PopularityWindows[i], windows.PaneMs, windows.SizeMs + windows.GraceMs, new WindowAggregateSerde()).WithCachingEnabled(),
                "aggregate-items");
        }

        var experiments = new ExperimentCatalog();
        ExperimentSubtopology.Add(topology, topics, options, registry, experiments, stores, byUser);

        return new RecoStreamsTopology(topology, counters, trending, topics, activeModel, experiments, servingRecommenders);
    }

    /// <summary>Makes store builders of the configured kind.</summary>
    internal sealed class StoreFactory(RecoTopologyOptions options)
    {
        public IWindowBytesStoreSupplier WindowSupplier(string name, TimeSpan retention, TimeSpan size) =>
            options.StateStores == StateStoreKind.RocksDb
                ? RocksDbStores.PersistentWindowStore(name, retention, size)
                : Stores.InMemoryWindowStore(name, retention, size);

        public KeyValueStoreBuilder<string, TValue> KeyValue<TValue>(string name, ISerde<string> keySerde, ISerde<TValue> valueSerde) =>
            Stores.KeyValueStoreBuilder(
                options.StateStores == StateStoreKind.RocksDb
                    ? RocksDbStores.PersistentKeyValueStore(name, options.RocksDb)
                    : Stores.InMemoryKeyValueStore(name),
                keySerde,
                valueSerde);

        public WindowStoreBuilder<string, TValue> Window<TValue>(string name, long windowSizeMs, long retentionMs, ISerde<TValue> valueSerde)
        {
            return Stores.WindowStoreBuilder(
                WindowSupplier(name, TimeSpan.FromMilliseconds(retentionMs), TimeSpan.FromMilliseconds(windowSizeMs)), Serdes.String, valueSerde);
        }
    }
}
