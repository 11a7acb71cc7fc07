using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>
/// One processing thread (Kafka Streams' StreamThread): its own group consumer, restore consumer and (at
/// least once) producer, and the tasks of the partitions the group gave it. The loop polls, processes
/// within a time budget, punctuates, and commits every commit interval or when a processor asks.
/// </summary>
internal sealed class StreamThread
{
    private const int MaxRecordsPerPoll = 1000;
    private const int MaxBufferedPerPartition = 1000;
    private const long LagSampleIntervalMs = 1000;

    private readonly StreamsOptions _options;
    private readonly ITime _clock;
    private readonly Action<string> _log;
    private readonly StreamTaskFactory _factory;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly IConsumer<byte[]?, byte[]?> _restoreConsumer;
    private readonly IProducer<byte[]?, byte[]?>? _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly StreamThreadLoopTimes _loopTimes;
    private volatile bool _crash;
    private volatile bool _assigned;
    private volatile IReadOnlyList<PartitionLag> _lag = [];
    private long _lagSampledAtMs;

    public StreamThread(
        int index,
        StreamsOptions options,
        KafkaClientOptions clientOptions,
        StreamTaskFactory factory,
        IStateRestoreListener restoreListener,
        ITime clock,
        Action<string> log)
    {
        Name = $"{options.ApplicationId}-StreamThread-{index}";
        _options = options;
        _clock = clock;
        _log = message => log($"[{Name}] {message}");
        _factory = factory;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.MainConsumer(clientOptions, Name + "-consumer", index))
            .WithClientLog(clientOptions)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions.Select(p => p.TopicPartition).ToList()))
            .Build();
        _restoreConsumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.RestoreConsumer(clientOptions, Name + "-restore-consumer")).WithClientLog(clientOptions).Build();
        _producer = clientOptions.ExactlyOnce
            ? null
            : new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Producer(clientOptions, Name + "-producer")).WithClientLog(clientOptions).Build();
        Cache = new ThreadCache(options.CacheMaxBytesPerThread);
        _loopTimes = new StreamThreadLoopTimes(Name);
        Tasks = new TaskManager(
            factory,
            _consumer,
            _producer,
            new ChangelogReader(_restoreConsumer, restoreListener),
            Cache,
            clientOptions.ExactlyOnce,
            _log);
        _thread = new Thread(Run) { Name = Name, IsBackground = true };
    }

    /// <summary>Raised on this thread when it starts or finishes taking over partitions, and when it dies.</summary>
    public event Action<StreamThread>? StateChanged;

    public string Name { get; }

    public TaskManager Tasks { get; }

    public ThreadCache Cache { get; }

    /// <summary>Lag of the assigned partitions, sampled at most once a second from the consumer's cached watermarks.</summary>
    public IReadOnlyList<PartitionLag> Lag => _lag;

    /// <summary>Wall time spent in each phase of the loop since the thread started.</summary>
    public IReadOnlyList<ThreadTime> LoopTimes => _loopTimes.Snapshot();

    /// <summary>True once the thread's assignment is restored and it processes; false while rebalancing.</summary>
    public bool IsProcessing => _assigned && IsAlive;

    public bool IsAlive => _thread.IsAlive;

    /// <summary>The error that ended the thread, if one did.</summary>
    public Exception? Failure { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Asks the thread to commit, close its tasks cleanly and leave the group.</summary>
    public void RequestShutdown() => _stop.Cancel();

    /// <summary>Stops without committing, as a killed process would: the next owner replays from the last commit.</summary>
    public void RequestCrash()
    {
        _crash = true;
        _stop.Cancel();
    }

    public bool Join(TimeSpan timeout) => !_thread.IsAlive || _thread.Join(timeout);

    private void Run()
    {
        try
        {
            _consumer.Subscribe(_factory.AllSourceTopics);
            var lastCommit = _clock.NowMs;
            while (!_stop.IsCancellationRequested)
            {
                _loopTimes.EndOther();
                var polled = Poll();
                _loopTimes.EndPoll();
                Tasks.AddRecords(polled);
                using (polled.Count > 0 ? StreamsTelemetry.StartProcessBatch(Name, polled.Count) : null)
                {
                    Tasks.Process(_clock, _options.PollTimeout);
                }

                _loopTimes.EndProcess();
                Tasks.Punctuate(_clock.NowMs);
                _loopTimes.EndPunctuate();
                if (_clock.NowMs - lastCommit >= _options.CommitInterval.TotalMilliseconds || Tasks.CommitRequested)
                {
                    var commitStart = Stopwatch.GetTimestamp();
                    Tasks.CommitAll();
                    _factory.Telemetry.RecordCommit(Stopwatch.GetElapsedTime(commitStart));
                    lastCommit = _clock.NowMs;
                    _loopTimes.EndCommit();
                }

                SampleLag();

                Tasks.ApplyBackpressure(MaxBufferedPerPartition);
            }

            Tasks.CloseAll(clean: !_crash);
            _consumer.Close();
            _log(_crash ? "Stopped without committing." : "Shut down cleanly.");
        }
        catch (Exception e)
        {
            Failure = e;
            _log($"Failed: {e}");
            CloseAfterFailure();
        }
        finally
        {
            _consumer.Dispose();
            _restoreConsumer.Dispose();
            _producer?.Dispose();
            _assigned = false;
            StateChanged?.Invoke(this);
        }
    }

    private List<ConsumeResult<byte[]?, byte[]?>> Poll()
    {
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var result = _consumer.Consume(_options.PollTimeout);
        while (result is not null)
        {
            results.Add(result);
            result = results.Count < MaxRecordsPerPoll ? _consumer.Consume(TimeSpan.Zero) : null;
        }

        foreach (var topic in results.GroupBy(r => r.Topic, StringComparer.Ordinal))
        {
            _factory.Telemetry.RecordsConsumed(topic.Key, topic.Count());
        }

        return results;
    }

    /// <summary>
    /// Log end minus position, from librdkafka's cached high watermark (no broker round trip). A partition
    /// not fetched from yet has no position and is left out until it has one.
    /// </summary>
    private void SampleLag()
    {
        var now = _clock.NowMs;
        if (now - _lagSampledAtMs < LagSampleIntervalMs)
        {
            return;
        }

        _lagSampledAtMs = now;
        var lag = new List<PartitionLag>();
        foreach (var partition in _consumer.Assignment)
        {
            var position = _consumer.Position(partition);
            var high = _consumer.GetWatermarkOffsets(partition).High;
            if (position.Value >= 0 && high.Value >= 0)
            {
                lag.Add(new PartitionLag(partition.Topic, partition.Partition.Value, Math.Max(0, high.Value - position.Value)));
            }
        }

        _lag = lag;
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        _assigned = false;
        StateChanged?.Invoke(this);
        Tasks.OnAssigned(partitions, _stop.Token);
        _assigned = true;
        StateChanged?.Invoke(this);
    }

    private void OnLost(List<TopicPartition> partitions) => Tasks.OnLost(partitions);

    private void OnRevoked(List<TopicPartition> partitions)
    {
        if (_crash)
        {
            Tasks.OnLost(partitions);
        }
        else
        {
            Tasks.OnRevoked(partitions);
        }
    }

    private void CloseAfterFailure()
    {
        _crash = true;
        try
        {
            Tasks.CloseAll(clean: false);
            _consumer.Close();
        }
        catch (Exception e)
        {
            _log($"Closing after the failure also failed: {e.Message}");
        }
    }
}
