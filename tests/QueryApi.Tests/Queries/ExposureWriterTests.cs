using System.Diagnostics;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Queries;

public sealed class ExposureWriterTests
{
    [Fact]
    public async Task What_queues_while_the_sink_writes_goes_out_in_batches_no_larger_than_MaxBatch()
    {
        var sink = new GatedExposureSink(open: false);
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });

        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);
        for (var i = 1; i <= 25; i++)
        {
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        sink.Open();
        await writer.StopAsync();

        Assert.Equal([1, 10, 10, 5], sink.Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 26).Select(RequestIdOf), sink.Written.Select(e => e.RequestId));
        Assert.Equal(0, writer.Dropped);
    }

    [Fact]
    public async Task After_a_batch_short_of_MaxBatch_the_writer_rests_so_exposures_queued_meanwhile_go_out_together()
    {
        var sink = new GatedExposureSink(open: true);
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10, DrainInterval = TimeSpan.FromSeconds(30) });
        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);

        // Spaced out, each would wake a writer that did not rest: one batch per exposure.
        for (var i = 1; i <= 5; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        var stopping = Stopwatch.StartNew();
        await writer.StopAsync();

        Assert.Equal([1, 5], sink.Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 6).Select(RequestIdOf), sink.Written.Select(e => e.RequestId));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), "a stop ends the rest instead of waiting it out");
    }

    [Fact]
    public async Task A_full_queue_drops_the_new_exposure_and_counts_it_without_waiting()
    {
        var sink = new GatedExposureSink(open: false);
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 4, MaxBatch = 10 });
        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);

        var accepted = Enumerable.Range(1, 7).Select(i => writer.TryQueue(ExposureOf(i))).ToList();

        Assert.Equal([true, true, true, true, false, false, false], accepted);
        Assert.Equal(3, writer.Dropped);
        Assert.Equal(4, writer.Queued);
        sink.Open();
        await writer.StopAsync();
        Assert.Equal(Enumerable.Range(0, 5).Select(RequestIdOf), sink.Written.Select(e => e.RequestId));
        Assert.Equal(0, writer.Failed);
    }

    [Fact]
    public async Task Stopping_writes_every_accepted_exposure_then_flushes_and_counts_later_ones_as_dropped()
    {
        var sink = new GatedExposureSink(open: false);
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 1000, MaxBatch = 7 });
        for (var i = 0; i < 100; i++)
        {
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        var stopping = writer.StopAsync();
        Assert.False(writer.TryQueue(ExposureOf(100)));
        sink.Open();
        await stopping;

        Assert.Equal(100, sink.Written.Count());
        Assert.Equal(100, sink.WrittenAtFlush);
        Assert.Equal(1, writer.Dropped);
        Assert.Equal(0, writer.Failed);
    }

    [Fact]
    public async Task A_failed_batch_is_counted_as_failed_and_the_writer_goes_on()
    {
        var sink = new GatedExposureSink(open: false) { FailFirst = 1 };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });
        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(writer.TryQueue(ExposureOf(1)));
        Assert.True(writer.TryQueue(ExposureOf(2)));

        sink.Open();
        await writer.StopAsync();

        Assert.Equal(1, writer.Failed);
        Assert.Equal([RequestIdOf(1), RequestIdOf(2)], sink.Written.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Exposures_the_sink_could_not_deliver_by_the_stop_timeout_are_counted_as_failed()
    {
        var sink = new GatedExposureSink(open: true) { Undelivered = 3 };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });
        for (var i = 0; i < 5; i++)
        {
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        await writer.StopAsync();

        Assert.Equal(5, sink.WrittenAtFlush);
        Assert.Equal(3, writer.Failed);
    }

    [Fact]
    public async Task A_sink_that_never_finishes_is_given_up_at_the_stop_timeout_with_the_queued_exposures_counted()
    {
        var sink = new GatedExposureSink(open: false);
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 1, StopTimeout = TimeSpan.FromMilliseconds(200) });
        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(writer.TryQueue(ExposureOf(1)));
        Assert.True(writer.TryQueue(ExposureOf(2)));

        Assert.False(await writer.StopAsync());

        Assert.Equal(2, writer.Failed);
        Assert.Equal(-1, sink.WrittenAtFlush);
        sink.Open();
    }

    [Fact]
    public async Task A_stuck_sink_that_honours_cancellation_is_cancelled_at_the_stop_timeout_and_left_free_to_dispose()
    {
        var sink = new GatedExposureSink(open: false) { HonoursCancellation = true };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 1, StopTimeout = TimeSpan.FromMilliseconds(200) });
        Assert.True(writer.TryQueue(ExposureOf(0)));
        await sink.FirstWriteStarted.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(writer.TryQueue(ExposureOf(1)));
        Assert.True(writer.TryQueue(ExposureOf(2)));

        Assert.True(await writer.StopAsync());

        // The two still queued, and the one the sink gave up on.
        Assert.Equal(3, writer.Failed);
        Assert.Empty(sink.Written);
        Assert.Equal(-1, sink.WrittenAtFlush);
    }

    [Fact]
    public async Task When_the_sink_can_take_it_at_once_the_read_writes_its_exposure_itself_and_queues_nothing()
    {
        var sink = new GatedExposureSink(open: true) { WritesAtOnce = true };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });

        for (var i = 0; i < 5; i++)
        {
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        // Written before TryQueue returned, on this thread: no background loop was woken for them.
        Assert.Equal(Enumerable.Range(0, 5).Select(RequestIdOf), sink.WrittenAtOnce.Select(w => w.Exposure.RequestId));
        Assert.All(sink.WrittenAtOnce, w => Assert.Equal(Environment.CurrentManagedThreadId, w.ThreadId));
        Assert.Empty(sink.Batches);
        Assert.Equal(0, writer.Queued);
        await writer.StopAsync();
        Assert.Equal(5, sink.WrittenAtFlush);
    }

    [Fact]
    public async Task With_WriteInline_off_every_exposure_goes_through_the_queue_even_when_the_sink_could_take_it()
    {
        var sink = new GatedExposureSink(open: true) { WritesAtOnce = true };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10, WriteInline = false });

        for (var i = 0; i < 5; i++)
        {
            Assert.True(writer.TryQueue(ExposureOf(i)));
        }

        await writer.StopAsync();
        Assert.Empty(sink.WrittenAtOnce);
        Assert.Equal(Enumerable.Range(0, 5).Select(RequestIdOf), sink.Batches.SelectMany(b => b).Select(e => e.RequestId));
    }

    [Fact]
    public async Task An_exposure_that_fails_on_the_read_is_counted_as_failed_and_the_read_goes_on()
    {
        var sink = new GatedExposureSink(open: true) { WritesAtOnce = true, FailFirst = 1 };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });

        Assert.True(writer.TryQueue(ExposureOf(0)));
        Assert.True(writer.TryQueue(ExposureOf(1)));

        Assert.Equal(1, writer.Failed);
        Assert.Equal(0, writer.Dropped);
        Assert.Equal([RequestIdOf(1)], sink.WrittenAtOnce.Select(w => w.Exposure.RequestId));
        await writer.StopAsync();
    }

    [Fact]
    public async Task A_stop_flushes_the_sink_only_after_a_read_writing_its_exposure_has_finished_and_then_takes_no_more()
    {
        using var gate = new ManualResetEventSlim(false);
        var sink = new GatedExposureSink(open: true) { WritesAtOnce = true, AtOnceGate = gate };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10 });
        var read = Task.Run(() => writer.TryQueue(ExposureOf(0)), TestContext.Current.CancellationToken);
        await sink.FirstWriteAtOnceStarted.WaitAsync(TestContext.Current.CancellationToken);

        var stopping = writer.StopAsync();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted, "the stop waits for the read's write");
        Assert.Equal(-1, sink.WrittenAtFlush);
        gate.Set();

        Assert.True(await read);
        Assert.True(await stopping);
        Assert.Equal(1, sink.WrittenAtFlush);
        Assert.False(writer.TryQueue(ExposureOf(1)));
        Assert.Equal(1, writer.Dropped);
        Assert.Single(sink.Written);
    }

    [Fact]
    public async Task A_read_stuck_writing_its_exposure_keeps_the_stop_from_releasing_the_sink()
    {
        using var gate = new ManualResetEventSlim(false);
        var sink = new GatedExposureSink(open: true) { WritesAtOnce = true, AtOnceGate = gate };
        var writer = new ExposureWriter(sink, new ExposureWriterOptions { Capacity = 100, MaxBatch = 10, StopTimeout = TimeSpan.FromMilliseconds(200) });
        var read = Task.Run(() => writer.TryQueue(ExposureOf(0)), TestContext.Current.CancellationToken);
        await sink.FirstWriteAtOnceStarted.WaitAsync(TestContext.Current.CancellationToken);

        Assert.False(await writer.StopAsync());
        Assert.False(await writer.StopAsync());
        Assert.Equal(-1, sink.WrittenAtFlush);

        gate.Set();
        Assert.True(await read);
    }

    private static string RequestIdOf(int i) => $"00000000-0000-7000-8000-{i:D12}";

    private static Exposure ExposureOf(int i) =>
        new(RequestIdOf(i), $"user-{i}", "exp", "control", null, "recostreams-hybrid-v1", [new ServedItem("item-1", 1)], 1_000 + i);
}
