using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.Testing;

/// <summary>
/// Runs a topology in-process and synchronously, without Kafka (Kafka Streams' TopologyTestDriver). It
/// drives the same <see cref="StreamTask"/>s as production; only the collector (in memory) and the clock
/// (mock, moved by <see cref="AdvanceWallClockTime"/>) differ. Every topic has one partition, so each
/// subtopology runs as task "N_0". Records written to repartition topics are fed back to the
/// subtopology reading them; global topics update the global stores; every written topic (sinks,
/// changelogs, the DLQ) can be read with <see cref="CreateOutputTopic{TKey,TValue}"/>. Records are kept
/// until read; a driver given the topics it will read (<c>capturedTopics</c>) keeps no others, so a long
/// replay holds only its unread output instead of every record of every topic.
/// </summary>
/// <remarks>
/// Commits happen as in production: when the commit interval has passed on the mock clock, when a
/// processor requests one, or when <see cref="Commit"/> is called. So a caching store forwards its
/// latest values only then.
/// </remarks>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly StreamsOptions _options;
    private readonly MockTime _clock;
    private readonly CapturingRecordCollector _collector;
    private readonly GlobalStateTask? _global;
    private readonly List<StreamTask> _tasks = [];
    private readonly Dictionary<string, StreamTask> _taskByTopic = [];
    private readonly Dictionary<string, long> _inputOffsets = [];
    private readonly Dictionary<string, long> _outputCursors = [];
    private readonly Dictionary<string, long> _repartitionCursors = [];
    private readonly HashSet<string>? _capturedTopics;
    private readonly bool _ownsStateDirectory;
    private long _lastCommitMs;
    private bool _disposed;

    /// <param name="options">Defaults to application "test-driver" with a fresh temporary state directory.</param>
    /// <param name="capturedTopics">
    /// The topics whose records are kept for <see cref="CreateOutputTopic{TKey,TValue}"/>; null keeps every
    /// topic's (Kafka Streams' behaviour). Repartition topics are always kept until routed.
    /// </param>
    public TopologyTestDriver(
        Topology topology, StreamsOptions? options = null, long initialWallClockMs = 0, IReadOnlyCollection<string>? capturedTopics = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _capturedTopics = capturedTopics is null ? null : new HashSet<string>(capturedTopics, StringComparer.Ordinal);
        _ownsStateDirectory = options is null;
        _options = options ?? new StreamsOptions
        {
            ApplicationId = "test-driver",
            StateDirectory = Path.Combine(Path.GetTempPath(), "recostreams-ttd-" + Guid.NewGuid().ToString("N")),
        };
        _options.Validate();
        _clock = new MockTime(initialWallClockMs);
        _lastCommitMs = initialWallClockMs;
        _collector = new CapturingRecordCollector(
            _ => 1, topic => _capturedTopics is null || _capturedTopics.Contains(topic) || _repartitionCursors.ContainsKey(topic));
        var applicationDirectory = Path.Combine(_options.StateDirectory, _options.ApplicationId);

        if (topology.BuildGlobal() is { } globalTopology)
        {
            _global = new GlobalStateTask(globalTopology, _options, Path.Combine(applicationDirectory, "global"), _clock);
            _global.Initialize();
        }

        var globalStores = _global?.Stores ?? new Dictionary<string, IStateStore>();
        var cache = new State.Caching.ThreadCache(_options.CacheMaxBytesPerThread);
        foreach (var id in topology.SubtopologyIds)
        {
            var subtopology = topology.BuildSubtopology(id, _options.ApplicationId, globalStores);
            var taskId = new TaskId(id, 0);
            var task = new StreamTask(
                taskId,
                subtopology,
                subtopology.SourcesByTopic.Keys.Select(t => (t, 0)).ToList(),
                _collector,
                _options,
                Path.Combine(applicationDirectory, taskId.ToString()),
                _clock,
                cache,
                _ => 1);
            task.InitializeStores();
            task.CompleteRestoration();
            _tasks.Add(task);
            foreach (var topic in subtopology.SourcesByTopic.Keys)
            {
                _taskByTopic[topic] = task;
                if (subtopology.RepartitionTopics.Contains(topic))
                {
                    _repartitionCursors[topic] = 0;
                }
            }
        }
    }

    public long WallClockMs => _clock.NowMs;

    public TestInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        if (!_taskByTopic.ContainsKey(topic) && !(_global?.Topics.Contains(topic) ?? false))
        {
            throw new ArgumentException($"No source of the topology reads topic '{topic}'.", nameof(topic));
        }

        return new TestInputTopic<TKey, TValue>(this, topic, keySerde, valueSerde);
    }

    /// <summary>Reads a topic the topology writes: a sink topic, a changelog, a repartition topic or the DLQ.</summary>
    public TestOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        if (_capturedTopics is not null && !_capturedTopics.Contains(topic))
        {
            throw new ArgumentException($"Topic '{topic}' is not among the topics this driver captures.", nameof(topic));
        }

        return new(this, topic, keySerde, valueSerde);
    }

    public IKeyValueStore<TKey, TValue> GetKeyValueStore<TKey, TValue>(string name) =>
        FindStore(name) as IKeyValueStore<TKey, TValue>
        ?? throw new InvalidOperationException($"Store '{name}' is not a key-value store of <{typeof(TKey).Name}, {typeof(TValue).Name}>.");

    public IWindowStore<TKey, TValue> GetWindowStore<TKey, TValue>(string name) =>
        FindStore(name) as IWindowStore<TKey, TValue>
        ?? throw new InvalidOperationException($"Store '{name}' is not a window store of <{typeof(TKey).Name}, {typeof(TValue).Name}>.");

    /// <summary>Moves the mock clock, fires due wall-clock punctuators, and commits if the interval has passed.</summary>
    public void AdvanceWallClockTime(TimeSpan by)
    {
        ThrowIfDisposed();
        _clock.Advance(by);
        foreach (var task in _tasks)
        {
            task.MaybePunctuateSystemTime(_clock.NowMs);
        }

        ProcessAll();
        MaybeCommit();
    }

    /// <summary>Commits every task now: caches flush (forwarding their latest values), checkpoints are written.</summary>
    public void Commit()
    {
        ThrowIfDisposed();
        CommitAll();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var task in _tasks)
        {
            task.Close(clean: true);
        }

        _global?.Close(clean: true);
        if (_ownsStateDirectory && Directory.Exists(_options.StateDirectory))
        {
            Directory.Delete(_options.StateDirectory, recursive: true);
        }
    }

    internal void PipeRaw(string topic, byte[]? key, byte[]? value, long? timestamp, RecordHeaders? headers)
    {
        ThrowIfDisposed();
        var offset = _inputOffsets.GetValueOrDefault(topic);
        _inputOffsets[topic] = offset + 1;
        var record = new ConsumedRecord(topic, 0, offset, timestamp ?? _clock.NowMs, key, value, headers?.Copy());
        if (_global is not null && _global.Topics.Contains(topic))
        {
            _global.Update([record]);
            return;
        }

        if (!_taskByTopic.TryGetValue(topic, out var task))
        {
            throw new ArgumentException($"No source of the topology reads topic '{topic}'.", nameof(topic));
        }

        task.AddRecords([record]);
        ProcessAll();
        MaybeCommit();
    }

    internal int UnreadCount(string topic) =>
        (int)_collector.CountFrom(topic, 0, _outputCursors.GetValueOrDefault(topic));

    internal CapturedRecord? ReadNext(string topic)
    {
        var cursor = _outputCursors.GetValueOrDefault(topic);
        var next = _collector.At(topic, 0, cursor);
        if (next is not null)
        {
            _outputCursors[topic] = cursor + 1;
            ReleaseRead(topic);
        }

        return next;
    }

    // Forgets what every reader of the topic has read: output topics, and the routing of repartition topics.
    // Without capturedTopics any topic may still be asked for, so nothing unread through an output topic goes.
    private void ReleaseRead(string topic)
    {
        var upTo = _capturedTopics is null || _capturedTopics.Contains(topic) ? _outputCursors.GetValueOrDefault(topic) : long.MaxValue;
        if (_repartitionCursors.TryGetValue(topic, out var routed))
        {
            upTo = Math.Min(upTo, routed);
        }

        _collector.Release(topic, 0, upTo);
    }

    // Processes until quiet: records written to repartition topics feed further tasks.
    private void ProcessAll()
    {
        bool progressed;
        do
        {
            progressed = false;
            foreach (var task in _tasks)
            {
                while (task.Process(_clock.NowMs))
                {
                    progressed = true;
                    task.MaybePunctuateStreamTime();
                }
            }

            progressed |= RouteRepartitionRecords();
        }
        while (progressed);
    }

    private bool RouteRepartitionRecords()
    {
        var routed = false;
        foreach (var (topic, cursor) in _repartitionCursors.ToList())
        {
            var records = _collector.Read(topic, 0, cursor);
            if (records.Count == 0)
            {
                continue;
            }

            _repartitionCursors[topic] = cursor + records.Count;
            _taskByTopic[topic].AddRecords(records.Select(r => new ConsumedRecord(r.Topic, r.Partition, r.Offset, r.Timestamp, r.Key, r.Value, r.Headers)));
            ReleaseRead(topic);
            routed = true;
        }

        return routed;
    }

    private void MaybeCommit()
    {
        if (_clock.NowMs - _lastCommitMs >= (long)_options.CommitInterval.TotalMilliseconds || _tasks.Any(t => t.CommitRequested))
        {
            CommitAll();
        }
    }

    private void CommitAll()
    {
        // A commit flushes caches, which may forward into repartition topics; keep going until quiet.
        do
        {
            foreach (var task in _tasks)
            {
                task.PrepareCommit();
                task.PostCommit();
            }
        }
        while (RouteRepartitionRecordsAndProcess());

        _lastCommitMs = _clock.NowMs;
    }

    private bool RouteRepartitionRecordsAndProcess()
    {
        if (!RouteRepartitionRecords())
        {
            return false;
        }

        ProcessAll();
        return true;
    }

    private IStateStore FindStore(string name)
    {
        ThrowIfDisposed();
        if (_global is not null && _global.Stores.TryGetValue(name, out var global))
        {
            return global;
        }

        foreach (var task in _tasks)
        {
            if (task.TryGetStore(name, out var store))
            {
                return store;
            }
        }

        throw new ArgumentException($"The topology has no store named '{name}'.", nameof(name));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
