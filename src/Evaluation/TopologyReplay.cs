using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Evaluation;

/// <summary>
/// The lists the topology holds for each test user: as served live, after a final refresh, and (when a model
/// version was given) as served once that version was activated at the end of the training part.
/// </summary>
internal sealed record ReplayLists(
    IReadOnlyDictionary<string, IReadOnlyList<string>> AsServed,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Refreshed,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? WithModel,
    long DeadLettered);

/// <summary>A model version to activate after the replay: its manifest (type and serving settings) and its published neighbour lists.</summary>
internal sealed record ReplayModel(ModelVersion Version, IReadOnlyList<ModelNeighboursRecord> Artefact)
{
    private const string VersionId = "evaluate-blend";

    /// <summary>
    /// The blend chosen on validation as the version a training job on the training part would publish: its model's
    /// artefact (none: a config version, the recommender alone) and the blend's recommender settings as the
    /// version's serving settings.
    /// </summary>
    public static ReplayModel Of(TunedBlend blend, long trainedUntilMs)
    {
        ArgumentNullException.ThrowIfNull(blend);
        var artefact = blend.Model is null ? [] : ModelBlendInputs.Artefact(VersionId, blend.Model, BlendTuning.NeighboursPerItem);
        var lineage = new ModelLineage(0, trainedUntilMs, trainedUntilMs, 0, "evaluate", ConfigModelSettings.Describe(blend.Options.Recommender), ChampionId: null);
        var version = new ModelVersion(
            VersionId, blend.Model?.ModelType ?? ModelTrainerFactory.ConfigModelType, ModelStatus.Approved, trainedUntilMs, lineage, null, null, null)
        {
            ArtefactItems = artefact.Count,
        };
        return new ReplayModel(version, artefact);
    }
}

/// <summary>
/// Replays a time-ordered training log through the real RecoStreams topology (in-memory stores) in a
/// <see cref="TopologyTestDriver"/>: catalog and events go in as Confluent Avro, as producers would send
/// them. The driver's wall clock follows event time in steps of at most <c>replayStep</c>: an event more
/// than a step ahead of the clock moves it to the event's time, which fires the wall-clock punctuators
/// (item-stats publication, recomputation of dirty users) once for everything that arrived since, as a
/// live instance does when events arrive faster than its punctuation interval. Published item stats are
/// fed back to the global table, which the driver does not do by itself. At the end every test user's
/// stored list is read ("as served"), then a refresh request recomputes it against the final state
/// ("refreshed"), the same information the offline replay and the baseline see. With a model version, its
/// artefact, manifest and activation then go to the models topic as a training job publishes them, and after the
/// recompute that the activation triggers every test user's stored list is read again: what the topology serves
/// right after a version trained on the training part is activated. The driver keeps only the
/// item-stats and dead-letter records, and drops each once read here.
/// </summary>
internal sealed class TopologyReplay : IDisposable
{
    private const string ApplicationId = "recostreams-evaluate";
    private const int ProgressEvery = 10_000;
    private static readonly TimeSpan ReplayCommitInterval = TimeSpan.FromDays(1);
    private static readonly TimeSpan ReplayRetention = TimeSpan.FromDays(365 * 100);

    // The stores are in memory, so no changelog offset counts towards a checkpoint: a commit writes none (only the close
    // does), and the state directories can live anywhere (docs/benchmarks.md, "evaluate, session 9").
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "recostreams-evaluate-" + Guid.NewGuid().ToString("N"));
    private readonly TopologyTestDriver _driver;
    private readonly TestInputTopic<string, Domain.EngagementEvent> _events;
    private readonly TestInputTopic<string, Domain.CatalogItem> _catalog;
    private readonly TestInputTopic<string, Domain.RefreshRequest> _refresh;
    private readonly TestInputTopic<string, ModelRecord> _models;
    private readonly TestOutputTopic<byte[], byte[]> _itemStatsOut;
    private readonly TestInputTopic<byte[], byte[]> _itemStatsIn;
    private readonly TestOutputTopic<byte[], byte[]> _deadLetters;
    private long _deadLettered;

    private TopologyReplay(RecoStreamsTopology reco, EmbeddedSchemaRegistry registry, long startMs)
    {
        _driver = new TopologyTestDriver(
            reco.Topology,
            new StreamsOptions
            {
                ApplicationId = ApplicationId,
                StateDirectory = _stateDirectory,
                DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,

                // Stores are in memory and nothing reads the changelogs: a commit (and its checkpoint file,
                // fsynced) on every clock step would be most of the replay's work. Stores read the same either
                // way. Once a day of event time bounds what stores deferring their writes to the commit hold
                // pending (every scan of the dirty users merges it).
                CommitInterval = ReplayCommitInterval,

                // The record cache saves writes to the changelog and the layer below, which for stores in memory that
                // nobody restores is a dictionary: a full cache made every read miss an insert and an eviction as well.
                // Without it reads and writes go straight to the stores (the topology forwards nothing on a flush, so
                // the output is the same; docs/benchmarks.md, "evaluate, session 10").
                CacheMaxBytes = 0,
            },
            startMs,
            capturedTopics: [reco.Topics.ItemStats, RecoTopics.EngagementEventsDeadLetter]);
        _events = _driver.CreateInputTopic(
            RecoTopics.EngagementEvents,
            Serdes.String,
            InputSerdes.EngagementEvents(registry));
        _catalog = _driver.CreateInputTopic(
            RecoTopics.CatalogItems,
            Serdes.String,
            InputSerdes.CatalogItems(registry));
        _refresh = _driver.CreateInputTopic(reco.Topics.RefreshRequests, Serdes.String, new RefreshRequestSerde());
        _models = _driver.CreateInputTopic(reco.Topics.Models, Serdes.String, new ModelRecordSerde());
        _itemStatsOut = _driver.CreateOutputTopic(reco.Topics.ItemStats, Serdes.ByteArray, Serdes.ByteArray);
        _itemStatsIn = _driver.CreateInputTopic(reco.Topics.ItemStats, Serdes.ByteArray, Serdes.ByteArray);
        _deadLetters = _driver.CreateOutputTopic(RecoTopics.EngagementEventsDeadLetter, Serdes.ByteArray, Serdes.ByteArray);
    }

    /// <param name="tuning">The domain options, the same the offline replay gets.</param>
    /// <param name="replayStep">The most event time the clock may lag behind; below the validator's future tolerance.</param>
    /// <param name="model">A version to activate after the replay (null for none), awaited only then: it may be chosen while the replay runs.</param>
    public static async Task<ReplayLists> RunAsync(
        IReadOnlyList<Domain.CatalogItem> catalog,
        IReadOnlyList<Domain.EngagementEvent> train,
        IReadOnlyCollection<string> users,
        ReplayOptions tuning,
        TimeSpan replayStep,
        Task<ReplayModel?> model,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (replayStep <= TimeSpan.Zero || replayStep >= tuning.Validation.FutureTolerance)
        {
            throw new ArgumentOutOfRangeException(
                nameof(replayStep), replayStep, $"The replay step must be positive and below the future tolerance ({tuning.Validation.FutureTolerance}).");
        }

        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), cancellationToken);
        var options = new RecoTopologyOptions
        {
            ApplicationId = ApplicationId,
            StateStores = StateStoreKind.InMemory,
            Validation = tuning.Validation,
            Affinity = tuning.Affinity,
            CoVisitation = tuning.CoVisitation,
            Popularity = tuning.Popularity,
            Recommender = tuning.Recommender,
            UserClasses = tuning.UserClasses,

            // A replay of years of history in event time: the deployment's inactive-user retention (180 days) would
            // delete the profiles and lists of everyone idle that long before the end, which no other system forgets.
            // The retention sweep decodes every profile; with that retention it cannot find anyone to forget within
            // the replay, so it runs once a retention period instead of every hour of event time (a fifth of the replay's time).
            Privacy = new PrivacyOptions { InactiveUserRetention = ReplayRetention, RetentionSweepInterval = ReplayRetention },
        };
        var startMs = train.Count == 0 ? 0 : train[0].OccurredAtMs;
        using var replay = new TopologyReplay(RecoStreamsTopology.Build(options, registry), registry, startMs);
        replay.Load(catalog);
        replay.Replay(train, (long)replayStep.TotalMilliseconds, progress, cancellationToken);
        var asServed = replay.StoredLists(users);
        replay.Refresh(users);
        var refreshed = replay.StoredLists(users);
        Dictionary<string, IReadOnlyList<string>>? withModel = null;
        if (await model.WaitAsync(cancellationToken) is { } version)
        {
            replay.Activate(version);
            withModel = replay.StoredLists(users);
        }

        return new ReplayLists(asServed, refreshed, withModel, replay._deadLettered);
    }

    public void Dispose()
    {
        _driver.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The contract requires a UUID event id; datasets carry their own ids, so a name-based UUID keeps
    /// them stable (and duplicates still duplicates).
    /// </summary>
    internal static string ToUuid(string eventId) =>
        Guid.TryParse(eventId, out _) ? eventId : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 16)).ToString("D");

    private void Load(IEnumerable<Domain.CatalogItem> catalog)
    {
        foreach (var item in catalog)
        {
            _catalog.PipeInput(item.ItemId, item, _driver.WallClockMs);
        }
    }

    private void Replay(IReadOnlyList<Domain.EngagementEvent> train, long stepMs, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < train.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var e = train[i];
            if (e.OccurredAtMs - _driver.WallClockMs >= stepMs)
            {
                Advance(TimeSpan.FromMilliseconds(e.OccurredAtMs - _driver.WallClockMs));
            }

            _events.PipeInput(e.UserId, e with { EventId = ToUuid(e.EventId) }, e.OccurredAtMs);
            if ((i + 1) % ProgressEvery == 0)
            {
                progress.WriteLine(FormattableString.Invariant(
                    $"  {i + 1:N0}/{train.Count:N0} events replayed ({(i + 1) / clock.Elapsed.TotalSeconds:F0}/s)"));
            }
        }

        // Two more rounds: the last stats are published, then the last dirty users see them.
        Advance(TimeSpan.FromSeconds(1));
        Advance(TimeSpan.FromSeconds(1));
    }

    private void Refresh(IEnumerable<string> users)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_driver.WallClockMs);
        foreach (var user in users)
        {
            _refresh.PipeInput(user, new Domain.RefreshRequest(user, at), _driver.WallClockMs);
        }
    }

    /// <summary>Publishes the version as a training job does (artefact, manifest, activation), then lets the recompute that the activation triggers run.</summary>
    private void Activate(ReplayModel model)
    {
        var at = _driver.WallClockMs;
        foreach (var list in model.Artefact)
        {
            _models.PipeInput(ModelRecordKeys.Neighbours(list.VersionId, list.ItemId), list, at);
        }

        _models.PipeInput(ModelRecordKeys.Manifest(model.Version.Id), new ModelManifestRecord(model.Version), at);
        _models.PipeInput(ModelRecordKeys.Active, new ModelActivationRecord(new ModelActivation(model.Version.Id, at, "evaluate", "evaluate", Override: false)), at);
        Advance(TimeSpan.FromSeconds(1));
        Advance(TimeSpan.FromSeconds(1));
    }

    private void Advance(TimeSpan by)
    {
        _driver.AdvanceWallClockTime(by);
        foreach (var record in _itemStatsOut.ReadRecordsToList())
        {
            _itemStatsIn.PipeInput(record.Key, record.Value, record.Timestamp);
        }

        _deadLettered += _deadLetters.ReadRecordsToList().Count;
    }

    private Dictionary<string, IReadOnlyList<string>> StoredLists(IEnumerable<string> users)
    {
        _driver.Commit();
        var store = _driver.GetKeyValueStore<string, Domain.RecommendationList>(RecoStoreNames.Recommendations);
        return users.ToDictionary(
            u => u,
            u => (IReadOnlyList<string>)(store.Get(u)?.Items.Select(i => i.ItemId).ToList() ?? []),
            StringComparer.Ordinal);
    }
}
