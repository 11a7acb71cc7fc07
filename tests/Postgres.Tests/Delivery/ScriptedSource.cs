using System.Collections.Concurrent;
using System.Threading.Channels;
using RecoStreams.Postgres.Delivery;

namespace RecoStreams.Postgres.Tests.Delivery;

/// <summary>
/// An <see cref="ISinkSource"/> that hands out given batches in order, then waits (as a consumer with no
/// new records would), and logs every acknowledgement together with the caller's check of that moment.
/// </summary>
internal sealed class ScriptedSource(IEnumerable<SinkBatch> batches, Func<SinkBatch, Task<bool>>? checkOnAck = null) : ISinkSource
{
    private readonly Queue<SinkBatch> _pending = new(batches);
    private readonly Channel<int> _acks = Channel.CreateUnbounded<int>();
    private readonly List<SinkBatch> _handedOut = [];

    public ConcurrentQueue<(int Batch, bool CheckPassed)> Acknowledgements { get; } = new();

    /// <summary>Runs before each batch is handed out, with the batch's index.</summary>
    public Func<int, Task>? BeforeBatch { get; init; }

    public async Task<SinkBatch> NextBatchAsync(CancellationToken cancellationToken)
    {
        if (!_pending.TryDequeue(out var batch))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (BeforeBatch is not null)
        {
            await BeforeBatch(_handedOut.Count);
        }

        _handedOut.Add(batch!);
        return batch!;
    }

    public async Task AcknowledgeAsync(SinkBatch batch)
    {
        var index = _handedOut.IndexOf(batch);
        var passed = checkOnAck is null || await checkOnAck(batch);
        Acknowledgements.Enqueue((index, passed));
        await _acks.Writer.WriteAsync(index);
    }

    /// <summary>Completes once <paramref name="count"/> batches have been acknowledged.</summary>
    public async Task WaitForAcknowledgementsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        for (var seen = 0; seen < count; seen++)
        {
            await _acks.Reader.ReadAsync(cts.Token);
        }
    }
}
