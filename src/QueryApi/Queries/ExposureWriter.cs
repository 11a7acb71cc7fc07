using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Keeps exposure logging from waiting on the read path. When the sink can take an exposure without waiting (the Kafka
/// sink once its schema id is known: serialise and hand to the producer, a few µs, never awaiting the broker), the
/// request writes it itself (<see cref="ExposureWriterOptions.WriteInline"/>), so no other thread has to be woken for
/// it. Otherwise the request queues its immutable <see cref="Exposure"/> in a
/// bounded channel; one background loop takes what has queued, up to <see cref="ExposureWriterOptions.MaxBatch"/>
/// at a time, and hands the batch to the sink, which serialises and produces it; after a batch short of that it
/// rests <see cref="ExposureWriterOptions.DrainInterval"/> when one is set. When the queue is full the writer has
/// fallen <see cref="ExposureWriterOptions.Capacity"/> exposures behind: the new exposure is dropped and counted in
/// <see cref="Dropped"/> rather than making the read wait, because exposures are analytics and a served list must
/// not depend on them. Stopping writes everything accepted before it and flushes the sink;
/// what is queued or unsent when the process is killed is lost (docs/reliability.md).
/// </summary>
public sealed partial class ExposureWriter : IAsyncDisposable
{
    private readonly Channel<Exposure> _channel;
    private readonly IExposureSink _sink;
    private readonly ExposureWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _dropped;
    private long _failed;
    private int _stopped;
    private int _writingInline;

    public ExposureWriter(IExposureSink sink, ExposureWriterOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DrainInterval, TimeSpan.Zero, nameof(options));
        _sink = sink;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _channel = Channel.CreateBounded<Exposure>(new BoundedChannelOptions(options.Capacity)
        {
            // A stop that times out drains what is left beside the loop, so two readers.
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Exposures not queued: the queue was full, or the writer had stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Exposures accepted but lost on the way to the sink: its batch failed, or the stop timed out first.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Exposures waiting in the queue.</summary>
    public int Queued => _channel.Reader.Count;

    /// <summary>
    /// Writes the exposure to the sink on the caller's thread when the sink can without waiting, else queues it, never
    /// waiting; false (and counted in <see cref="Dropped"/>) when the queue is full or the writer stopped.
    /// </summary>
    public bool TryQueue(Exposure exposure)
    {
        if (_options.WriteInline && TryWriteInline(exposure))
        {
            return true;
        }

        if (_channel.Writer.TryWrite(exposure))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Stops taking exposures, writes the ones already queued and flushes the sink, within
    /// <see cref="ExposureWriterOptions.StopTimeout"/>; what did not make it is counted in <see cref="Failed"/>.
    /// Returns whether the writer is out of the sink for good, so its owner may dispose it: a sink stuck past
    /// the timeout is cancelled and given one more timeout to return.
    /// </summary>
    public async Task<bool> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return _loop.IsCompleted && Volatile.Read(ref _writingInline) == 0;
        }

        _channel.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false); // ends a rest: what is queued goes out now
        var started = TimeProvider.System.GetTimestamp();
        if (!await InlineWritesEndedAsync(started).ConfigureAwait(false))
        {
            LogInlineWritesOutlastedStop(_logger);
            return false;
        }

        try
        {
            await _loop.WaitAsync(_options.StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The sink is stuck: what is still queued will not be written (a batch the sink holds counts if it fails).
            var left = 0;
            while (_channel.Reader.TryRead(out _))
            {
                left++;
            }

            Interlocked.Add(ref _failed, left);
            LogStopTimedOut(_logger, left);
            await _abort.CancelAsync().ConfigureAwait(false);
            if (await Task.WhenAny(_loop, Task.Delay(_options.StopTimeout)).ConfigureAwait(false) != _loop)
            {
                return false;
            }

            _abort.Dispose();
            _stopping.Dispose();
            return true;
        }

        var undelivered = _sink.Flush(_options.StopTimeout - TimeProvider.System.GetElapsedTime(started) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        if (undelivered > 0)
        {
            Interlocked.Add(ref _failed, undelivered);
            LogStopTimedOut(_logger, undelivered);
        }

        _abort.Dispose();
        _stopping.Dispose();
        return true;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private bool TryWriteInline(Exposure exposure)
    {
        // Counted before the stop is read, as the stop is set before it reads the count (both are full fences): either the
        // stop waits for this write before it flushes the sink, or this write sees the stop and leaves the sink alone.
        Interlocked.Increment(ref _writingInline);
        try
        {
            return Volatile.Read(ref _stopped) == 0 && _sink.TryWrite(exposure);
        }
        catch (Exception e)
        {
            // As a failed batch: counted, and the read goes on.
            Interlocked.Increment(ref _failed);
            LogBatchFailed(_logger, e, 1);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _writingInline);
        }
    }

    /// <summary>Waits (up to the stop timeout from <paramref name="started"/>) for the reads writing to the sink themselves.</summary>
    private async Task<bool> InlineWritesEndedAsync(long started)
    {
        while (Volatile.Read(ref _writingInline) > 0)
        {
            if (TimeProvider.System.GetElapsedTime(started) > _options.StopTimeout)
            {
                return false;
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        return true;
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<Exposure>(_options.MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var exposure))
            {
                batch.Add(exposure);
            }

            try
            {
                await _sink.WriteAsync(batch, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The loop must outlive a bad batch (registry unreachable, a malformed exposure, a stop that gave
                // up on it): count it and go on.
                Interlocked.Add(ref _failed, batch.Count);
                LogBatchFailed(_logger, e, batch.Count);
            }

            var full = batch.Count == _options.MaxBatch;
            batch.Clear();
            if (!full && _options.DrainInterval > TimeSpan.Zero)
            {
                await Task.Delay(_options.DrainInterval, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} exposures could not be written to recommendation-served.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} exposures were not delivered within the stop timeout.")]
    private static partial void LogStopTimedOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: reads were still writing exposures at the stop timeout; the exposure producer is left open.")]
    private static partial void LogInlineWritesOutlastedStop(ILogger logger);
}
