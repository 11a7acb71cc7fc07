using System.Collections.Concurrent;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Tests.Queries;

/// <summary>
/// Keeps the batches the exposure writer hands over. While closed, a write waits at the gate (the writer has
/// fallen behind); <see cref="FirstWriteStarted"/> says the writer took its first batch.
/// </summary>
internal sealed class GatedExposureSink : IExposureSink
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    public Task FirstWriteStarted => _firstWrite.Task;

    public IEnumerable<Exposure> Written => Batches.SelectMany(b => b);

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

    public int Flush(TimeSpan timeout)
    {
        WrittenAtFlush = Written.Count();
        return Undelivered;
    }
}
