using System.Collections.Concurrent;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Kafka.Restore;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;
using RecoStreams.Streams.State.Caching;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>
/// A stream thread's tasks: creates and restores them when partitions are assigned, routes polled
/// records to them, drives processing and punctuation, and commits. Only the owning stream thread calls
/// it (rebalance callbacks run inside that thread's poll); interactive queries read <see cref="Tasks"/>.
/// </summary>
internal sealed class TaskManager(
    StreamTaskFactory factory,
    IConsumer<byte[]?, byte[]?> consumer,
    IProducer<byte[]?, byte[]?>? sharedProducer,
    ChangelogReader changelogReader,
    ThreadCache cache,
    bool exactlyOnce,
    Action<string> log)
{
    private readonly ConcurrentDictionary<TaskId, ActiveTask> _tasks = new();
    private readonly HashSet<TaskId> _paused = [];

    /// <summary>Raised (on the stream thread) after the set of tasks changed.</summary>
    public event Action? TasksChanged;

    public IReadOnlyDictionary<TaskId, ActiveTask> Tasks => _tasks;

    public long ProcessedRecords => _tasks.Values.Sum(t => t.Task.ProcessedRecords);

    public bool CommitRequested => _tasks.Values.Any(t => t.Task.CommitRequested);

    /// <summary>Creates tasks for newly assigned partitions and restores their state before they process.</summary>
    public void OnAssigned(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellation)
    {
        var created = new List<ActiveTask>();
        foreach (var id in partitions.Select(p => factory.TaskOf(p.Topic, p.Partition.Value)).Distinct().Where(id => !_tasks.ContainsKey(id)))
        {
            var active = factory.Create(id, cache, sharedProducer);
            created.Add(active);
            active.Task.InitializeStores();
        }

        if (created.Count == 0)
        {
            return;
        }

        var byChangelog = created.SelectMany(a => a.Task.ChangelogPartitions.Select(c => (Changelog: c, a.Task))).ToList();
        changelogReader.Restore(
            byChangelog.Select(e => new RestorePartition(
                e.Changelog.Topic,
                e.Changelog.Partition,
                e.Changelog.StoreName,
                e.Changelog.CheckpointedOffset,
                batch => e.Task.Restore(e.Changelog.Topic, e.Changelog.Partition, batch))).ToList(),
            cancellation);
        foreach (var active in created)
        {
            active.Task.CompleteRestoration();
            _tasks[active.Task.Id] = active;
        }

        log($"Tasks created and restored: {string.Join(", ", created.Select(a => a.Task.Id).Order())}.");
        TasksChanged?.Invoke();
    }

    /// <summary>
    /// Partitions moving to another member: commit what was processed, then close cleanly. When the
    /// coordinator already rejects the commit (the group moved on), close them as lost: no checkpoint, so
    /// the next owner restores the changelog and replays from the last commit (at-least-once).
    /// </summary>
    public void OnRevoked(IReadOnlyCollection<TopicPartition> partitions)
    {
        var revoked = TasksOwning(partitions);
        if (revoked.Count == 0)
        {
            return;
        }

        var committed = TryCommit(revoked);
        Close(revoked, clean: committed);
        log($"Tasks revoked{(committed ? string.Empty : " without a commit")}: {string.Join(", ", revoked.Select(a => a.Task.Id).Order())}.");
        TasksChanged?.Invoke();
    }

    /// <summary>Partitions already owned by someone else (session lost): nothing may be committed any more.</summary>
    public void OnLost(IReadOnlyCollection<TopicPartition> partitions)
    {
        var lost = TasksOwning(partitions);
        Close(lost, clean: false);
        log($"Tasks lost: {string.Join(", ", lost.Select(a => a.Task.Id).Order())}.");
        TasksChanged?.Invoke();
    }

    public void AddRecords(IEnumerable<ConsumeResult<byte[]?, byte[]?>> results)
    {
        foreach (var group in results.GroupBy(r => factory.TaskOf(r.Topic, r.Partition.Value)))
        {
            // A record of a partition revoked within the same poll has no task any more: it is re-fetched by the new owner.
            if (_tasks.TryGetValue(group.Key, out var active))
            {
                active.Task.AddRecords(group.Select(ConsumedRecords.From));
            }
        }
    }

    /// <summary>Round-robins one record per task until no task has input or <paramref name="budget"/> is spent.</summary>
    public int Process(ITime clock, TimeSpan budget)
    {
        var processed = 0;
        var deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
        bool progressed;
        do
        {
            progressed = false;
            var now = clock.NowMs;
            foreach (var active in _tasks.Values)
            {
                if (active.Task.Process(now))
                {
                    processed++;
                    progressed = true;
                }
            }
        }
        while (progressed && Environment.TickCount64 < deadline);

        return processed;
    }

    /// <summary>
    /// Pauses fetching for tasks that buffer more than <paramref name="maxBufferedPerPartition"/> records per
    /// input (Kafka Streams' buffered.records.per.partition) and resumes them once half of that is left, so a
    /// slow task cannot make the thread buffer without bound.
    /// </summary>
    public void ApplyBackpressure(int maxBufferedPerPartition)
    {
        var pause = new List<TopicPartition>();
        var resume = new List<TopicPartition>();
        foreach (var active in _tasks.Values)
        {
            var perPartition = active.Task.BufferedRecordCount / Math.Max(1, active.Task.InputPartitions.Count);
            var inputs = active.Task.InputPartitions.Select(p => new TopicPartition(p.Topic, p.Partition));
            if (perPartition > maxBufferedPerPartition && _paused.Add(active.Task.Id))
            {
                pause.AddRange(inputs);
            }
            else if (perPartition <= maxBufferedPerPartition / 2 && _paused.Remove(active.Task.Id))
            {
                resume.AddRange(inputs);
            }
        }

        if (pause.Count > 0)
        {
            consumer.Pause(pause);
        }

        if (resume.Count > 0)
        {
            consumer.Resume(resume);
        }
    }

    public void Punctuate(long wallClockMs)
    {
        foreach (var active in _tasks.Values)
        {
            active.Task.MaybePunctuateStreamTime();
            active.Task.MaybePunctuateSystemTime(wallClockMs);
        }
    }

    /// <summary>The periodic commit; rejected during a rebalance, it is simply retried at the next interval.</summary>
    public void CommitAll() => TryCommit(_tasks.Values.ToList());

    /// <summary>Stops every task: clean (commit, checkpoint) on shutdown, unclean after a crash or error.</summary>
    public void CloseAll(bool clean)
    {
        var all = _tasks.Values.ToList();
        Close(all, clean && TryCommit(all));
    }

    /// <summary>
    /// Commits, unless the coordinator rejects it because this member's generation is over or ending
    /// (Kafka Streams' TaskMigratedException): that is part of a rebalance, not a failure of the thread.
    /// </summary>
    private bool TryCommit(IReadOnlyCollection<ActiveTask> tasks)
    {
        try
        {
            Commit(tasks);
            return true;
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration
            or ErrorCode.UnknownMemberId or ErrorCode.FencedInstanceId)
        {
            log($"Commit rejected by the group coordinator ({e.Error.Reason}): a rebalance is under way.");
            return false;
        }
    }

    /// <summary>
    /// At-least-once: flush every task (stores, then their sends), commit all input offsets in one request,
    /// then checkpoint. Exactly-once: per task, its offsets join its transaction, which commits.
    /// </summary>
    private void Commit(IReadOnlyCollection<ActiveTask> tasks)
    {
        if (exactlyOnce)
        {
            foreach (var active in tasks)
            {
                var offsets = active.Task.PrepareCommit();
                active.Output.CommitTransaction(offsets, consumer.ConsumerGroupMetadata);
                active.Task.PostCommit();
            }

            return;
        }

        var all = new List<TopicPartitionOffset>();
        foreach (var active in tasks)
        {
            all.AddRange(active.Task.PrepareCommit().Select(o => new TopicPartitionOffset(o.Key.Topic, o.Key.Partition, o.Value)));
        }

        if (all.Count > 0)
        {
            consumer.Commit(all);
        }

        foreach (var active in tasks)
        {
            active.Task.PostCommit();
        }
    }

    private void Close(IReadOnlyCollection<ActiveTask> tasks, bool clean)
    {
        Exception? first = null;
        foreach (var active in tasks)
        {
            _tasks.TryRemove(active.Task.Id, out _);
            _paused.Remove(active.Task.Id);
            try
            {
                if (!clean && active.Output.IsTransactional)
                {
                    active.Output.AbortTransaction();
                }
            }
            catch (KafkaException e)
            {
                // The producer may already be fenced or broken; the broker aborts the transaction on its timeout.
                log($"Aborting the transaction of task {active.Task.Id} failed: {e.Message}");
            }

            try
            {
                active.Task.Close(clean);
            }
            catch (Exception e)
            {
                first ??= e;
            }
            finally
            {
                active.Output.Dispose();
            }
        }

        if (first is not null)
        {
            throw new StreamsException($"Closing tasks failed: {first.Message}", first);
        }
    }

    private List<ActiveTask> TasksOwning(IReadOnlyCollection<TopicPartition> partitions) =>
        partitions.Select(p => factory.TaskOf(p.Topic, p.Partition.Value))
            .Distinct()
            .Select(id => _tasks.TryGetValue(id, out var active) ? active : null)
            .OfType<ActiveTask>()
            .ToList();
}
