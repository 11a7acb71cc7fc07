using System.Diagnostics.Metrics;
using Confluent.Kafka;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Discovery;
using RecoStreams.Streams.Kafka.Global;
using RecoStreams.Streams.Kafka.Native;
using RecoStreams.Streams.Kafka.Processing;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Kafka.Application;

/// <summary>
/// A running instance of a streams application (Kafka Streams' KafkaStreams): prepares topics, restores
/// global state, runs <see cref="StreamsOptions.NumStreamThreads"/> stream threads in the application's
/// consumer group, and exposes its local stores for interactive queries.
/// </summary>
public sealed class KafkaStreams : IDisposable
{
    private static readonly TimeSpan CrashJoinTimeout = TimeSpan.FromSeconds(30);

    private readonly Topology _topology;
    private readonly StreamsOptions _options;
    private KafkaClientOptions _clientOptions;
    private readonly ITopicAdmin _admin;
    private readonly bool _ownsAdmin;
    private readonly ITime _clock;
    private readonly KafkaStreamsStateMachine _state = new();
    private readonly Lock _threadsGate = new();
    private readonly List<StreamThread> _threads = [];
    private TopologyDescription? _description;
    private GlobalStreamThread? _globalThread;
    private InstanceDiscovery? _discovery;
    private IReadOnlyDictionary<string, IStateStore> _globalStores = new Dictionary<string, IStateStore>();
    private bool _disposed;

    /// <param name="topicAdmin">How topics are looked up and created; a <see cref="KafkaTopicAdmin"/> when null.</param>
    public KafkaStreams(Topology topology, StreamsOptions options, ITopicAdmin? topicAdmin = null, ITime? clock = null)
        : this(topology, options, KafkaClientOptions.From(options), topicAdmin, clock)
    {
    }

    /// <param name="clientOptions">
    /// Client settings beyond those <see cref="StreamsOptions"/> implies (security, timeouts), usually
    /// <c>KafkaClientOptions.From(options) with { ConsumerOverrides = ... }</c>.
    /// </param>
    /// <param name="meterFactory">The host's meter factory: keeps this instance's metrics apart from another in the same process.</param>
    public KafkaStreams(
        Topology topology,
        StreamsOptions options,
        KafkaClientOptions clientOptions,
        ITopicAdmin? topicAdmin = null,
        ITime? clock = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        options.Validate();
        LibrdkafkaLoader.EnsureLoaded();
        _topology = topology;
        _options = options;
        _clientOptions = clientOptions;
        _ownsAdmin = topicAdmin is null;
        _admin = topicAdmin ?? new KafkaTopicAdmin(_clientOptions);
        _clock = clock ?? SystemTime.Instance;
        _state.Changed += (from, to) => StateChanged?.Invoke(from, to);
        Telemetry = new StreamsTelemetry(meterFactory)
        {
            LagSource = () => WithThreads(threads => threads.SelectMany(t => t.Lag).ToList()),
            ThreadTimeSource = () => WithThreads(threads => threads.SelectMany(t => t.LoopTimes).ToList()),
            StoreSource = () => WithThreads(threads => threads.SelectMany(t => t.Tasks.Tasks.Values).ToList())
                .SelectMany(StoreSizesOf).ToList(),
            CacheSource = () => WithThreads(threads => (threads.Sum(t => t.Cache.Hits), threads.Sum(t => t.Cache.Misses))),
            StateSource = () => (State.ToString(), Enum.GetNames<KafkaStreamsState>()),
        };
    }

    /// <summary>This instance's metrics and spans; subscribe to its dead-letter notifications before <see cref="Start"/>.</summary>
    public StreamsTelemetry Telemetry { get; }

    /// <summary>Raised with (old, new) on every state change, on the thread that caused it.</summary>
    public event Action<KafkaStreamsState, KafkaStreamsState>? StateChanged;

    /// <summary>Raised (on a stream thread) after this instance gained or lost tasks.</summary>
    public event Action<IReadOnlyCollection<TaskId>>? AssignmentChanged;

    public KafkaStreamsState State => _state.State;

    /// <summary>Set before <see cref="Start"/>; told about every changelog and global-topic restoration.</summary>
    public IStateRestoreListener RestoreListener { get; set; } = NoOpStateRestoreListener.Instance;

    /// <summary>Set before <see cref="Start"/>; receives life-cycle messages and errors (standard error by default).</summary>
    public Action<string> Log { get; set; } = message => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:O} {message}");

    /// <summary>The error that moved the application to <see cref="KafkaStreamsState.Error"/>.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>host:port this instance serves queries on, for the query layer to publish.</summary>
    public string? ApplicationServer => _options.ApplicationServer;

    /// <summary>The tasks (subtopology, partition) whose stores are local to this instance right now.</summary>
    public IReadOnlyCollection<TaskId> LocalTasks
    {
        get
        {
            lock (_threadsGate)
            {
                return _threads.SelectMany(t => t.Tasks.Tasks.Keys).Order().ToList();
            }
        }
    }

    /// <summary>
    /// Where the store <paramref name="storeName"/>'s partition <paramref name="partition"/> is hosted (Kafka
    /// Streams' queryMetadataForKey, once the key's partition is known): here, at another instance's
    /// application.server, or nowhere known (no ApplicationServer configured, or mid-rebalance).
    /// </summary>
    public KeyQueryMetadata QueryMetadataForPartition(string storeName, int partition)
    {
        var task = new TaskId(SubtopologyOfStore(storeName), partition);
        if (FindTask(task) is not null)
        {
            return new KeyQueryMetadata(task, IsLocal: true, _options.ApplicationServer);
        }

        return new KeyQueryMetadata(task, IsLocal: false, _discovery?.Directory.ActiveHost(task, _clock.NowMs));
    }

    /// <summary>
    /// The compacted topic on which instances with an application.server advertise their tasks. The runtime
    /// creates it when missing; on librdkafka's mock cluster (no CreateTopics) create it first.
    /// </summary>
    public static string InstancesTopic(string applicationId) => InstanceDiscovery.TopicName(applicationId);

    /// <summary>The live instances of this application, as last advertised (empty without an ApplicationServer).</summary>
    public IReadOnlyList<InstanceAdvertisement> Instances => _discovery?.Directory.Instances(_clock.NowMs) ?? [];

    /// <summary>
    /// Prepares topics (throws if sources are missing or not co-partitioned), then starts the threads;
    /// returns once they are started, not once they run: watch <see cref="StateChanged"/>.
    /// </summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (State != KafkaStreamsState.Created)
        {
            throw new InvalidOperationException($"Start needs state {KafkaStreamsState.Created}, but the application is {State}.");
        }

        _description = _topology.Describe(_options.ApplicationId);
        _clientOptions = _clientOptions with
        {
            CoPartitionedSources = _description.Subtopologies.Any(s => s.AllSourceTopics.Count() > 1),
        };
        var partitionCounts = new PartitionCountCache(_admin, InternalTopicManager.Prepare(_description, _admin));
        var globalStores = StartGlobalState(partitionCounts);
        var factory = new StreamTaskFactory(_topology, _description, _options, _clientOptions, globalStores, partitionCounts.Of, _clock, Telemetry);
        if (_options.ApplicationServer is not null)
        {
            _discovery = InstanceDiscovery.Start(_options, _clientOptions, _admin, () => LocalTasks, () => State, _clock, Log);
            StateChanged += (_, _) => _discovery.Advertise();
            AssignmentChanged += _ => _discovery.Advertise();
        }

        _state.TryTransition(KafkaStreamsState.Rebalancing);
        var restoreListener = new MeteredRestoreListener(RestoreListener, Telemetry);
        lock (_threadsGate)
        {
            for (var i = 1; i <= _options.NumStreamThreads; i++)
            {
                var thread = new StreamThread(i, _options, _clientOptions, factory, restoreListener, _clock, Log);
                thread.StateChanged += OnThreadStateChanged;
                thread.Tasks.TasksChanged += () => AssignmentChanged?.Invoke(LocalTasks);
                _threads.Add(thread);
            }

            foreach (var thread in _threads)
            {
                thread.Start();
            }
        }

        Log($"{_options.ApplicationId} started {_options.NumStreamThreads} stream thread(s).");
    }

    /// <summary>
    /// Commits, closes every task cleanly (writing checkpoints) and leaves the group. Returns false when
    /// the threads did not finish within <paramref name="timeout"/>.
    /// </summary>
    public bool Close(TimeSpan timeout)
    {
        if (State is KafkaStreamsState.NotRunning)
        {
            return true;
        }

        _state.TryTransition(KafkaStreamsState.PendingShutdown);
        _discovery?.Withdraw();
        var finished = StopThreads(t => t.RequestShutdown(), timeout);
        if (finished)
        {
            _state.TryTransition(KafkaStreamsState.NotRunning);
        }

        return finished;
    }

    /// <summary>
    /// The store <paramref name="storeName"/> of the local task for <paramref name="partition"/>, typed as
    /// <typeparamref name="TStore"/> (use the read-only interfaces, e.g. IReadOnlyKeyValueStore).
    /// Throws when this instance does not host that partition right now.
    /// </summary>
    public TStore Store<TStore>(string storeName, int partition)
        where TStore : class
    {
        var subtopology = SubtopologyOfStore(storeName);
        var task = FindTask(new TaskId(subtopology, partition))
            ?? throw new InvalidOperationException($"Partition {partition} of store '{storeName}' is not hosted by this instance (now: {string.Join(", ", LocalTasks)}).");
        return Typed<TStore>(task.Task.GetStore(storeName), storeName);
    }

    /// <summary>Every local partition of <paramref name="storeName"/>, by partition number.</summary>
    public IReadOnlyDictionary<int, TStore> Stores<TStore>(string storeName)
        where TStore : class
    {
        var subtopology = SubtopologyOfStore(storeName);
        lock (_threadsGate)
        {
            return _threads.SelectMany(t => t.Tasks.Tasks.Values)
                .Where(a => a.Task.Id.Subtopology == subtopology)
                .ToDictionary(a => a.Task.Id.Partition, a => Typed<TStore>(a.Task.GetStore(storeName), storeName));
        }
    }

    /// <summary>
    /// Without Close this is a crash: threads stop without committing, so whoever owns the partitions
    /// next replays from the last commit. Close first for a graceful stop.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (State is not KafkaStreamsState.NotRunning and not KafkaStreamsState.Created)
        {
            StopThreads(t => t.RequestCrash(), CrashJoinTimeout);
        }

        _discovery?.Dispose();
        Telemetry.Dispose();

        if (_ownsAdmin)
        {
            _admin.Dispose();
        }
    }

    /// <summary>A global store, the same on every instance.</summary>
    public TStore GlobalStore<TStore>(string storeName)
        where TStore : class =>
        _globalStores.TryGetValue(storeName, out var store)
            ? Typed<TStore>(store, storeName)
            : throw new ArgumentException($"No global store named '{storeName}'.", nameof(storeName));

    /// <summary>Loads global stores completely before any stream thread exists, then keeps them updated.</summary>
    private IReadOnlyDictionary<string, IStateStore> StartGlobalState(PartitionCountCache partitionCounts)
    {
        var topology = _topology.BuildGlobal();
        if (topology is null)
        {
            return _globalStores;
        }

        var task = new GlobalStateTask(topology, _options, Path.Combine(_options.StateDirectory, _options.ApplicationId, "global"), _clock);
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.RestoreConsumer(_clientOptions, _options.ApplicationId + "-global-consumer")).WithClientLog(_clientOptions).Build();
        _globalThread = new GlobalStreamThread(task, consumer, new MeteredRestoreListener(RestoreListener, Telemetry), _options, Log);
        _globalThread.Failed += OnGlobalFailure;
        _globalThread.Bootstrap(task.Topics.ToDictionary(t => t, partitionCounts.Of), CancellationToken.None);
        _globalStores = task.Stores;
        _globalThread.Start();
        return _globalStores;
    }

    private void OnGlobalFailure(Exception failure)
    {
        Failure ??= failure;
        if (_state.TryTransition(KafkaStreamsState.Error))
        {
            Log($"The global stream thread died, stopping the application: {failure.Message}");
            lock (_threadsGate)
            {
                _threads.ForEach(t => t.RequestShutdown());
            }
        }
    }

    private bool StopThreads(Action<StreamThread> stop, TimeSpan timeout)
    {
        List<StreamThread> threads;
        lock (_threadsGate)
        {
            threads = [.. _threads];
        }

        threads.ForEach(stop);
        var deadline = DateTime.UtcNow + timeout;
        var finished = threads.All(t => t.Join(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)));

        // The global thread stops last: stream tasks read global stores until they are closed.
        _globalThread?.RequestShutdown();
        return (_globalThread?.Join(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)) ?? true) && finished;
    }

    private void OnThreadStateChanged(StreamThread changed)
    {
        if (changed.Failure is { } failure)
        {
            Failure ??= failure;
            if (_state.TryTransition(KafkaStreamsState.Error))
            {
                Log($"{changed.Name} died, stopping the application: {failure.Message}");
                lock (_threadsGate)
                {
                    _threads.ForEach(t => t.RequestShutdown());
                }
            }

            return;
        }

        bool allProcessing;
        lock (_threadsGate)
        {
            allProcessing = _threads.Count > 0 && _threads.All(t => t.IsProcessing);
        }

        if (allProcessing)
        {
            _state.TryTransition(KafkaStreamsState.Rebalancing, KafkaStreamsState.Running);
        }
        else
        {
            _state.TryTransition(KafkaStreamsState.Running, KafkaStreamsState.Rebalancing);
        }
    }

    private ActiveTask? FindTask(TaskId id)
    {
        lock (_threadsGate)
        {
            return _threads.Select(t => t.Tasks.Tasks.GetValueOrDefault(id)).FirstOrDefault(a => a is not null);
        }
    }

    private int SubtopologyOfStore(string storeName)
    {
        var description = _description ?? throw new InvalidOperationException("Stores are available once the application has started.");
        return description.Subtopologies.FirstOrDefault(s => s.Stores.Contains(storeName))?.Id
            ?? throw new ArgumentException($"No subtopology has a store named '{storeName}'.", nameof(storeName));
    }

    private static IEnumerable<StoreSize> StoreSizesOf(ActiveTask active)
    {
        try
        {
            return active.Task.StoreSizes.ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The task closed its stores between listing and reading (a rebalance): it no longer counts here.
            return [];
        }
    }

    private T WithThreads<T>(Func<List<StreamThread>, T> read)
    {
        lock (_threadsGate)
        {
            return read(_threads);
        }
    }

    private static TStore Typed<TStore>(IStateStore store, string storeName)
        where TStore : class =>
        store as TStore ?? throw new InvalidCastException($"Store '{storeName}' is a {store.GetType().Name}, not a {typeof(TStore).Name}.");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
