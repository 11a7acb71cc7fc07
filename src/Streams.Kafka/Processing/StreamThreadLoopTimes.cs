using System.Diagnostics;
using RecoStreams.Streams.Diagnostics;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>
/// Cumulative wall time of a stream thread's loop per phase: each call ends the phase it names, which began where the
/// previous call ended. The thread writes, scrapes read; a scrape sees each phase at most one loop behind.
/// </summary>
internal sealed class StreamThreadLoopTimes(string thread)
{
    private long _poll;
    private long _process;
    private long _punctuate;
    private long _commit;
    private long _other;
    private long _last = Stopwatch.GetTimestamp();

    public ThreadTime[] Snapshot() =>
    [
        Of("poll", ref _poll),
        Of("process", ref _process),
        Of("punctuate", ref _punctuate),
        Of("commit", ref _commit),
        Of("other", ref _other),
    ];

    /// <summary>Ends whatever ran since the last phase (lag sampling, back-pressure, the loop itself).</summary>
    public void EndOther() => Lap(ref _other);

    public void EndPoll() => Lap(ref _poll);

    public void EndProcess() => Lap(ref _process);

    public void EndPunctuate() => Lap(ref _punctuate);

    public void EndCommit() => Lap(ref _commit);

    private void Lap(ref long phase)
    {
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref phase, phase + (now - _last));
        _last = now;
    }

    private ThreadTime Of(string phase, ref long ticks) => new(thread, phase, (double)Volatile.Read(ref ticks) / Stopwatch.Frequency);
}
