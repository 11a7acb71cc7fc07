using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Global;

/// <summary>
/// Keeps the global stores (every partition of every global topic, on every instance) up to date.
/// <see cref="Bootstrap"/> reads each topic to its end before any stream thread starts, so processors
/// never see a partially loaded global table; the thread then follows new records and checkpoints
/// what it applied every commit interval.
/// </summary>
internal sealed class GlobalStreamThread
{
    private const int MaxBatch = 1000;

    private readonly GlobalStateTask _task;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly IStateRestoreListener _listener;
    private readonly StreamsOptions _options;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Dictionary<(string Topic, int Partition), long> _positions = [];

    public GlobalStreamThread(GlobalStateTask task, IConsumer<byte[]?, byte[]?> consumer, IStateRestoreListener listener, StreamsOptions options, Action<string> log)
    {
        _task = task;
        _consumer = consumer;
        _listener = listener;
        _options = options;
        _log = message => log($"[{options.ApplicationId}-GlobalStreamThread] {message}");
        _thread = new Thread(Run) { Name = options.ApplicationId + "-GlobalStreamThread", IsBackground = true };
    }

    public event Action<Exception>? Failed;

    public Exception? Failure { get; private set; }

    /// <summary>Loads every global topic partition up to its current end; blocks until done.</summary>
    public void Bootstrap(IReadOnlyDictionary<string, int> partitionCounts, CancellationToken cancellation)
    {
        var resume = _task.Initialize();
        var partitions = _task.Topics
            .SelectMany(topic => Enumerable.Range(0, partitionCounts[topic]).Select(p => (Topic: topic, Partition: p)))
            .ToList();
        var reader = new ChangelogReader(_consumer, _listener);
        reader.Restore(
            partitions.Select(tp => new RestorePartition(
                tp.Topic,
                tp.Partition,
                StoreName: tp.Topic,
                CheckpointedOffset: resume.TryGetValue(tp, out var next) ? next - 1 : null,
                ApplyBatch: batch =>
                {
                    _task.Update(batch);
                    _positions[tp] = batch[^1].Offset + 1;
                })).ToList(),
            cancellation);
        foreach (var tp in partitions.Where(tp => !_positions.ContainsKey(tp)))
        {
            _positions[tp] = resume.TryGetValue(tp, out var next) ? next : Offset.Beginning.Value;
        }

        _task.FlushAndCheckpoint();
        _log($"Global state loaded from {partitions.Count} partition(s).");
    }

    public void Start() => _thread.Start();

    public void RequestShutdown() => _stop.Cancel();

    public bool Join(TimeSpan timeout) => !_thread.IsAlive || _thread.Join(timeout);

    private void Run()
    {
        var clean = false;
        try
        {
            _consumer.Assign(_positions.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, new Offset(p.Value))));
            var lastCheckpoint = Environment.TickCount64;
            var batch = new List<ConsumedRecord>(MaxBatch);
            while (!_stop.IsCancellationRequested)
            {
                var result = _consumer.Consume(_options.PollTimeout);
                while (result is not null)
                {
                    if (!result.IsPartitionEOF)
                    {
                        batch.Add(ConsumedRecords.From(result));
                    }

                    result = batch.Count < MaxBatch ? _consumer.Consume(TimeSpan.Zero) : null;
                }

                if (batch.Count > 0)
                {
                    _task.Update(batch);
                    batch = new List<ConsumedRecord>(MaxBatch);
                }

                if (Environment.TickCount64 - lastCheckpoint >= _options.CommitInterval.TotalMilliseconds)
                {
                    _task.FlushAndCheckpoint();
                    lastCheckpoint = Environment.TickCount64;
                }
            }

            clean = true;
        }
        catch (Exception e)
        {
            Failure = e;
            _log($"Failed: {e}");
            Failed?.Invoke(e);
        }
        finally
        {
            try
            {
                _task.Close(clean);
            }
            catch (Exception e)
            {
                _log($"Closing the global state failed: {e.Message}");
            }

            _consumer.Dispose();
        }
    }
}
