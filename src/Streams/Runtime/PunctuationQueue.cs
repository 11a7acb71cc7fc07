namespace RecoStreams.Streams.Runtime;

/// <summary>A scheduled punctuator; cancelling stops it before its next firing.</summary>
internal sealed class PunctuationSchedule(string nodeName, long intervalMs, Action<long> punctuator, long firstDueMs, long sequence) : ICancellable
{
    public string NodeName { get; } = nodeName;

    public long IntervalMs { get; } = intervalMs;

    public Action<long> Punctuator { get; } = punctuator;

    public long DueMs { get; private set; } = firstDueMs;

    /// <summary>Order of scheduling: breaks ties between punctuators due at the same time.</summary>
    public long Sequence { get; } = sequence;

    public bool IsCancelled { get; private set; }

    public void Cancel() => IsCancelled = true;

    /// <summary>
    /// Next due time after firing at <paramref name="nowMs"/>: the next interval boundary, skipping any
    /// boundaries already passed, so a big jump in time fires once rather than once per missed interval.
    /// </summary>
    public void Advance(long nowMs)
    {
        var next = DueMs + IntervalMs;
        if (nowMs >= next)
        {
            next = nowMs - ((nowMs - DueMs) % IntervalMs) + IntervalMs;
        }

        DueMs = next;
    }
}

/// <summary>Punctuators of one type (stream time or wall clock) ordered by due time, then by scheduling order.</summary>
internal sealed class PunctuationQueue
{
    private readonly PriorityQueue<PunctuationSchedule, (long DueMs, long Sequence)> _queue = new();

    public void Add(PunctuationSchedule schedule) => _queue.Enqueue(schedule, (schedule.DueMs, schedule.Sequence));

    /// <summary>Fires every punctuator due at <paramref name="nowMs"/>; returns whether any fired.</summary>
    public bool MayPunctuate(long nowMs, Action<PunctuationSchedule, long> fire)
    {
        var fired = false;
        var rescheduled = new List<PunctuationSchedule>();
        while (_queue.TryPeek(out var schedule, out var priority) && priority.DueMs <= nowMs)
        {
            _queue.Dequeue();
            if (schedule.IsCancelled)
            {
                continue;
            }

            fire(schedule, nowMs);
            fired = true;
            if (!schedule.IsCancelled)
            {
                schedule.Advance(nowMs);
                rescheduled.Add(schedule);
            }
        }

        foreach (var schedule in rescheduled)
        {
            Add(schedule);
        }

        return fired;
    }
}
