using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Tests.Items;

public sealed class HoppingWindowsTests
{
    // 10-minute windows advancing by 5 minutes with 2 minutes of grace, in minutes for readability.
    private const long Min = 60_000;
    private readonly HoppingWindows _windows = new(10 * Min, 5 * Min, 2 * Min);

    [Fact]
    public void A_timestamp_belongs_to_every_window_whose_half_open_range_contains_it()
    {
        Assert.Equal([0, 5 * Min], _windows.WindowsFor(7 * Min));
        Assert.Equal([5 * Min, 10 * Min], _windows.WindowsFor(10 * Min));
        Assert.Equal([0, 5 * Min], _windows.WindowsFor((10 * Min) - 1));
    }

    [Fact]
    public void Windows_align_to_the_epoch_for_negative_timestamps_too()
    {
        Assert.Equal([-15 * Min, -10 * Min], _windows.WindowsFor(-6 * Min));
    }

    [Fact]
    public void A_window_closes_once_stream_time_reaches_its_end_plus_grace()
    {
        Assert.False(_windows.IsClosed(0, (12 * Min) - 1));
        Assert.True(_windows.IsClosed(0, 12 * Min));
    }

    [Fact]
    public void Latest_window_is_the_oldest_one_still_containing_now()
    {
        Assert.Equal(5 * Min, _windows.LatestWindowStart(12 * Min));
        Assert.Equal(5 * Min, _windows.LatestWindowStart(10 * Min));
        Assert.Equal(10 * Min, _windows.LatestWindowStart(15 * Min));
    }

    [Fact]
    public void Late_signals_skip_closed_windows_and_count_them()
    {
        var aggregator = new ItemAggregator(
            new Options.PopularityOptions { Windows = [new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2))] },
            new Options.CoVisitationOptions());

        var open = aggregator.OpenWindowsFor(7 * Min, streamTimeMs: 13 * Min, out var closed);

        Assert.Equal([5 * Min], open.Select(w => w.StartMs));
        Assert.Equal(1, closed);
    }
}
