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

    private long _afterLastCollection;

    public int Collections { get; private set; }

    /// <summary>Collects if the process is over the budget and has grown enough since the last collection; cheap otherwise.</summary>
    public void Check()
    {
        if (bytes == long.MaxValue)
        {
            return;
        }

        var resident = Environment.WorkingSet;
        if (resident <= bytes || resident - _afterLastCollection < bytes / 8)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Collections++;
        _afterLastCollection = Environment.WorkingSet;
    }
}
