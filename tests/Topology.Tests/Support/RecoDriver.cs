using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Options;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Testing;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Tests.Support;

/// <summary>
/// The full RecoStreams topology in a <see cref="TopologyTestDriver"/> with an in-process schema registry,
/// plus the one hop the driver does not make: it routes repartition topics but not a sink into a global
/// topic, so <see cref="PublishItemStats"/> pipes what the by-item subtopology wrote to
/// "{app}-item-stats" back into the global item-stats table, as Kafka would.
/// </summary>
public sealed class RecoDriver : IDisposable
{
    public const string ApplicationId = "reco-test";

    private readonly string _stateDirectory;
    private readonly StateStoreKind _stores;
    private readonly TestOutputTopic<byte[], byte[]> _itemStatsOut;
    private readonly TestInputTopic<byte[], byte[]> _itemStatsIn;

    private bool _handedOver;

    private RecoDriver(RecoStreamsTopology reco, EmbeddedSchemaRegistry registry, string stateDirectory, StateStoreKind stores, long startMs)
    {
        Reco = reco;
        Registry = registry;
        _stateDirectory = stateDirectory;
        _stores = stores;
        Driver = new TopologyTestDriver(
            reco.Topology,
            new StreamsOptions
            {
                ApplicationId = ApplicationId,
                StateDirectory = stateDirectory,
                DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
            },
            startMs);

        var events = InputSerdes.EngagementEvents(registry);
        var catalog = InputSerdes.CatalogItems(registry);
        Events = Driver.CreateInputTopic(RecoTopics.EngagementEvents, Serdes.String, events);
        RawEvents = Driver.CreateInputTopic(RecoTopics.EngagementEvents, Serdes.ByteArray, Serdes.ByteArray);
        Catalog = Driver.CreateInputTopic(RecoTopics.CatalogItems, Serdes.String, catalog);
        Recommendations = Driver.CreateOutputTopic(
            RecoTopics.RecommendationUpdated, Serdes.String, new ConfluentRecommendationReader(registry));
        DeadLetters = Driver.CreateOutputTopic(RecoTopics.EngagementEventsDeadLetter, Serdes.ByteArray, Serdes.ByteArray);
        _itemStatsOut = Driver.CreateOutputTopic(reco.Topics.ItemStats, Serdes.ByteArray, Serdes.ByteArray);
        _itemStatsIn = Driver.CreateInputTopic(reco.Topics.ItemStats, Serdes.ByteArray, Serdes.ByteArray);
    }

    public RecoStreamsTopology Reco { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, Domain.EngagementEvent> Events { get; }

    public TestInputTopic<byte[], byte[]> RawEvents { get; }

    public TestInputTopic<string, Domain.CatalogItem> Catalog { get; }

    /// <summary>recommendation-updated as a stock Confluent Avro consumer would read it.</summary>
    public TestOutputTopic<string, RecommendationUpdated> Recommendations { get; }

    public TestOutputTopic<byte[], byte[]> DeadLetters { get; }

    /// <param name="coVisitation">Co-visitation settings; null for the defaults.</param>
    public static async Task<RecoDriver> StartAsync(StateStoreKind stores, DateTimeOffset wallClock, CoVisitationOptions? coVisitation = null)
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        var stateDirectory = Path.Combine(Path.GetTempPath(), "reco-topology-tests-" + Guid.NewGuid().ToString("N"));
        var reco = RecoStreamsTopology.Build(
            new RecoTopologyOptions { ApplicationId = ApplicationId, StateStores = stores, CoVisitation = coVisitation ?? new CoVisitationOptions() },
            registry);
        return new RecoDriver(reco, registry, stateDirectory, stores, wallClock.ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Stops this driver cleanly and starts the topology again on the same state folder and registry, as a
    /// restarted instance would: in-memory parts (such as the trending index) start empty.
    /// </summary>
    public RecoDriver Restart()
    {
        var wallClockMs = Driver.WallClockMs;
        Driver.Dispose();
        _handedOver = true;
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = ApplicationId, StateStores = _stores }, Registry);
        return new RecoDriver(reco, Registry, _stateDirectory, _stores, wallClockMs);
    }

    public void AddCatalog(IEnumerable<Domain.CatalogItem> items)
    {
        foreach (var item in items)
        {
            Catalog.PipeInput(item.ItemId, item, Driver.WallClockMs);
        }
    }

    public void Send(IEnumerable<Domain.EngagementEvent> events)
    {
        foreach (var e in events)
        {
            Events.PipeInput(e.UserId, e, e.OccurredAtMs);
        }
    }

    /// <summary>
    /// Lets punctuators run (item stats publication, pending-enrichment retry, recomputation) and feeds the
    /// published item stats to the global table; twice, so users recompute against the fresh neighbours.
    /// </summary>
    public void Tick()
    {
        for (var round = 0; round < 2; round++)
        {
            Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
            Driver.Commit();
            PublishItemStats();
        }
    }

    public void PublishItemStats()
    {
        foreach (var record in _itemStatsOut.ReadRecordsToList())
        {
            _itemStatsIn.PipeInput(record.Key, record.Value, record.Timestamp);
        }
    }

    /// <summary>Every recommendation-updated record emitted since the last read.</summary>
    public List<RecommendationUpdated> ReadRecommendations() =>
        Recommendations.ReadRecordsToList().Select(r => r.Value).ToList();

    public void Dispose()
    {
        Driver.Dispose();
        if (!_handedOver && Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    /// <summary>Reads recommendation-updated with the plain Confluent Avro deserializer (no domain mapping).</summary>
    private sealed class ConfluentRecommendationReader(EmbeddedSchemaRegistry registry) : ISerde<RecommendationUpdated>
    {
        private readonly ConfluentAvroDeserializer<RecommendationUpdated> _deserializer = new(RecommendationUpdatedContract.Instance, registry);

        public byte[] Serialize(RecommendationUpdated value, in SerdeContext context) =>
            throw new NotSupportedException("Tests only read recommendation-updated.");

        public RecommendationUpdated Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) => _deserializer.Deserialize(data);
    }
}
