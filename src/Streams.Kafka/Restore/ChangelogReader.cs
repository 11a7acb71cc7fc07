using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Restore;

/// <summary>
/// Replays changelog (or global) partitions into stores with a group-less consumer, up to the end offset
/// captured at the start, so restoration terminates even while the topic keeps growing.
/// The consumer must have enable.partition.eof=true: under read_committed the end offset may be a
/// transaction marker that no record ever reaches, and EOF is then the only sign of being done.
/// </summary>
public sealed class ChangelogReader
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly IStateRestoreListener _listener;
    private readonly int _batchSize;
    private readonly TimeSpan _metadataTimeout;

    public ChangelogReader(IConsumer<byte[]?, byte[]?> consumer, IStateRestoreListener listener, int batchSize = 1000, TimeSpan? metadataTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _consumer = consumer;
        _listener = listener;
        _batchSize = batchSize;
        _metadataTimeout = metadataTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>Restores every partition fully; returns the number of records replayed per partition.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> Restore(IReadOnlyCollection<RestorePartition> partitions, CancellationToken cancellation)
    {
        var progress = new Dictionary<TopicPartition, Progress>();
        foreach (var partition in partitions)
        {
            var tp = new TopicPartition(partition.Topic, partition.Partition);
            var watermarks = _consumer.QueryWatermarkOffsets(tp, _metadataTimeout);
            var start = partition.CheckpointedOffset is { } checkpoint ? checkpoint + 1 : watermarks.Low.Value;
            var state = new Progress(partition, Math.Max(start, watermarks.Low.Value), watermarks.High.Value);
            progress[tp] = state;
            _listener.OnRestoreStart(partition.Topic, partition.Partition, partition.StoreName, state.Start, state.End);
            if (state.Start >= state.End)
            {
                Finish(state);
            }
        }

        var pending = progress.Where(p => !p.Value.Done).ToList();
        if (pending.Count > 0)
        {
            _consumer.Assign(pending.Select(p => new TopicPartitionOffset(p.Key, new Offset(p.Value.Start))));
            try
            {
                ReadToEnd(progress, cancellation);
            }
            finally
            {
                // librdkafka keeps a partition's paused flag across assignments; a later Assign of the same
                // consumer (the global thread's) would otherwise never fetch it.
                _consumer.Resume(pending.Select(p => p.Key));
                _consumer.Unassign();
            }
        }

        return progress.ToDictionary(p => (p.Key.Topic, p.Key.Partition.Value), p => p.Value.Restored);
    }

    private void ReadToEnd(Dictionary<TopicPartition, Progress> progress, CancellationToken cancellation)
    {
        while (progress.Values.Any(p => !p.Done))
        {
            cancellation.ThrowIfCancellationRequested();
            var result = _consumer.Consume(PollTimeout);
            if (result is null)
            {
                FlushAll(progress);
                continue;
            }

            var state = progress[result.TopicPartition];
            if (state.Done)
            {
                continue;
            }

            if (!result.IsPartitionEOF && result.Offset.Value < state.End)
            {
                state.Batch.Add(ConsumedRecords.From(result));
                if (state.Batch.Count >= _batchSize)
                {
                    Apply(state);
                }
            }

            if (result.IsPartitionEOF || result.Offset.Value >= state.End - 1)
            {
                Apply(state);
                Finish(state);
                _consumer.Pause([result.TopicPartition]);
            }
        }
    }

    private void FlushAll(Dictionary<TopicPartition, Progress> progress)
    {
        foreach (var state in progress.Values.Where(p => !p.Done))
        {
            Apply(state);
        }
    }

    private void Apply(Progress state)
    {
        if (state.Batch.Count == 0)
        {
            return;
        }

        state.Target.ApplyBatch(state.Batch);
        state.Restored += state.Batch.Count;
        _listener.OnBatchRestored(state.Target.Topic, state.Target.Partition, state.Target.StoreName, state.Batch[^1].Offset, state.Batch.Count);
        state.Batch = new List<ConsumedRecord>(_batchSize);
    }

    private void Finish(Progress state)
    {
        state.Done = true;
        _listener.OnRestoreEnd(state.Target.Topic, state.Target.Partition, state.Target.StoreName, new RestoreSummary(state.Restored, state.Clock.Elapsed));
    }

    private sealed class Progress(RestorePartition target, long start, long end)
    {
        public RestorePartition Target { get; } = target;

        public long Start { get; } = start;

        public long End { get; } = end;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public List<ConsumedRecord> Batch { get; set; } = [];

        public long Restored { get; set; }

        public bool Done { get; set; }
    }
}
