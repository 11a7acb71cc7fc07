namespace RecoStreams.Evaluation;

/// <summary>
/// Keeps the process's resident memory near a budget with full, compacting collections that hand freed memory back to
/// the system. The host's Server GC sizes its generations by allocation rate, not by what is live: the topology replay
/// alone, about 320 MiB of heap at its end, stood at 900-975 MiB resident (docs/benchmarks.md, "evaluate, session 10").
/// A collection runs only when the process is over the budget and has grown by an eighth of it since the last one, so a
/// live heap above the budget costs a collection per such step, not one per check; nothing fails when it is above.
/// </summary>
internal sealed class MemoryBudget(long bytes)
{
    /// <summary>No budget: never collects.</summary>
    public static MemoryBudget None { get; } = new(long.MaxValue);

    private readonly Lock _checking = new();
    private long _afterLastCollection;
    private int _collections;

    public int Collections => Volatile.Read(ref _collections);

    /// <summary>Collects if the process is over the budget and has grown enough since the last collection; cheap otherwise.</summary>
    public void Check()
    {
        if (bytes == long.MaxValue || !_checking.TryEnter())
        {
            return;
        }

        try
        {
            var resident = Environment.WorkingSet;
            if (resident <= bytes || resident - _afterLastCollection < bytes / 8)
            {
                return;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Interlocked.Increment(ref _collections);
            _afterLastCollection = Environment.WorkingSet;
        }
        finally
        {
            _checking.Exit();
        }
    }

    /// <summary>
    /// Checks every <paramref name="period"/> until disposed, whichever thread allocates. Checked from the topology replay's
    /// loop alone, every thousand events, the budget let the offline part beside it (models, the blend's lists) take the
    /// process 100-200 MiB over it between two checks (docs/benchmarks.md, "evaluate's memory and wall, session 15").
    /// </summary>
    public IDisposable Watch(TimeSpan period) => new Timer(static budget => ((MemoryBudget)budget!).Check(), this, period, period);
}
