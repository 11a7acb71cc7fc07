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
    public void The_newest_window_holding_a_time_starts_at_its_hop()
    {
        Assert.Equal(10 * Min, _windows.NewestWindowStart(12 * Min));
        Assert.Equal(10 * Min, _windows.NewestWindowStart(10 * Min));
        Assert.Equal(-5 * Min, _windows.NewestWindowStart(-1));
    }

    [Fact]
    public void A_signal_goes_to_its_pane_while_any_window_holding_it_is_open_and_closed_ones_are_counted()
    {
        // 7 min lies in [0, 10) (closed at 12 min) and [5, 15) (closed at 17 min).
        Assert.Equal(5 * Min, _windows.OpenPaneFor(7 * Min, streamTimeMs: 13 * Min, out var closed));
        Assert.Equal(1, closed);

        Assert.Null(_windows.OpenPaneFor(7 * Min, streamTimeMs: 17 * Min, out closed));
        Assert.Equal(2, closed);
    }

    [Fact]
    public void Panes_tile_windows_exactly_even_when_the_size_is_not_a_multiple_of_the_advance()
    {
        var windows = new HoppingWindows(10 * Min, 4 * Min, 0);

        Assert.Equal(2 * Min, windows.PaneMs);
        Assert.Equal(6 * Min, windows.OpenPaneFor(7 * Min, streamTimeMs: 7 * Min, out _));
        Assert.Equal(8 * Min, windows.LastPaneStart(0));
        Assert.Equal(5 * Min, _windows.PaneMs);
    }
}
