using System.Collections.Concurrent;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Queries;

/// <summary>
/// Keeps the batches the exposure writer hands over. While closed, a write waits at the gate (the writer has
/// fallen behind); <see cref="FirstWriteStarted"/> says the writer took its first batch. With <see cref="WritesAtOnce"/>
/// it also takes single exposures on the caller's thread, as the Kafka sink does once its schema id is known.
/// </summary>
internal sealed class GatedExposureSink : IExposureSink
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstWriteAtOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failed;

    public GatedExposureSink(bool open) => _ = open && _gate.TrySetResult();

    public ConcurrentQueue<IReadOnlyList<Exposure>> Batches { get; } = new();

    /// <summary>Batches to fail (the sink throws for them) before writing the rest.</summary>
    public int FailFirst { get; init; }

    /// <summary>Whether a write waiting at the gate gives up when cancelled (as the Kafka sink's does).</summary>
    public bool HonoursCancellation { get; init; }

    /// <summary>What <see cref="Flush"/> reports as not delivered.</summary>
    public int Undelivered { get; init; }

    /// <summary>Exposures written when <see cref="Flush"/> was called; -1 before.</summary>
    public int WrittenAtFlush { get; private set; } = -1;

    /// <summary>Whether <see cref="TryWrite"/> takes an exposure at once; false sends every one through the batches.</summary>
    public bool WritesAtOnce { get; init; }

    /// <summary>While set and not yet signalled, a write at once waits at it (a read in the middle of writing its exposure).</summary>
    public ManualResetEventSlim? AtOnceGate { get; init; }

    /// <summary>Exposures written at once, with the managed id of the thread that wrote each.</summary>
    public ConcurrentQueue<(Exposure Exposure, int ThreadId)> WrittenAtOnce { get; } = new();

    public Task FirstWriteStarted => _firstWrite.Task;

    public Task FirstWriteAtOnceStarted => _firstWriteAtOnce.Task;

    public IEnumerable<Exposure> Written => Batches.SelectMany(b => b).Concat(WrittenAtOnce.Select(w => w.Exposure));

    public void Open() => _gate.TrySetResult();

    public async ValueTask WriteAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
    {
        _firstWrite.TrySetResult();
        await (HonoursCancellation ? _gate.Task.WaitAsync(cancellationToken) : _gate.Task);
        if (_failed++ < FailFirst)
        {
            throw new InvalidOperationException("schema registry unreachable");
        }

        // The writer reuses its list: keep a copy, as a producer keeps the serialised bytes.
        Batches.Enqueue([.. batch]);
    }

    public bool TryWrite(Exposure exposure)
    {
        if (!WritesAtOnce)
        {
            return false;
        }

        _firstWriteAtOnce.TrySetResult();
        AtOnceGate?.Wait(TestContext.Current.CancellationToken);
        if (Interlocked.Increment(ref _failed) <= FailFirst)
        {
            throw new InvalidOperationException("a malformed exposure");
        }

        WrittenAtOnce.Enqueue((exposure, Environment.CurrentManagedThreadId));
        return true;
    }

    public int Flush(TimeSpan timeout)
    {
        WrittenAtFlush = Written.Count();
        return Undelivered;
    }
}
