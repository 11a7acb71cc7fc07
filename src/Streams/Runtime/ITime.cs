namespace RecoStreams.Streams.Runtime;

/// <summary>The clock the runtime reads; tests and the TopologyTestDriver substitute a mock.</summary>
public interface ITime
{
    long NowMs { get; }
}

public sealed class SystemTime : ITime
{
    public static SystemTime Instance { get; } = new();

    public long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>A clock that moves only when told to.</summary>
public sealed class MockTime(long startMs = 0) : ITime
{
    private long _nowMs = startMs;

    public long NowMs => Interlocked.Read(ref _nowMs);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);
    }
}
