using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

public sealed class InMemoryWindowBytesStoreTests
{
    private static readonly Bytes KeyA = Bytes.Wrap("a"u8.ToArray());
    private static readonly Bytes KeyB = Bytes.Wrap("b"u8.ToArray());

    [Fact]
    public void Retention_drops_whole_segments_once_stream_time_passes_them()
    {
        // Segments of 100 ms, retention 150 ms: [0,100) [100,200) [200,300) ...
        var store = new InMemoryWindowBytesStore("w", retentionMs: 150, windowSizeMs: 10, segmentIntervalMs: 100);
        store.Put(KeyA, [1], 0);
        store.Put(KeyB, [2], 90);
        store.Put(KeyA, [3], 120);

        // Stream time 260: min live timestamp 110 lies in segment 1, so segment 0 goes as a whole
        // (both windows, 0 and 90), while 120 stays even though only the segment start is past retention.
        store.Put(KeyB, [4], 260);

        Assert.Null(store.Fetch(KeyA, 0));
        Assert.Null(store.Fetch(KeyB, 90));
        Assert.Equal([3], store.Fetch(KeyA, 120));
        Assert.Equal([4], store.Fetch(KeyB, 260));
        Assert.Equal(2, store.SegmentCount);
    }

    [Fact]
    public void Writes_into_an_expired_segment_are_ignored()
    {
        var store = new InMemoryWindowBytesStore("w", retentionMs: 150, windowSizeMs: 10, segmentIntervalMs: 100);
        store.Put(KeyA, [1], 400);

        store.Put(KeyA, [9], 50);

        Assert.Null(store.Fetch(KeyA, 50));
        Assert.Equal(1, store.SegmentCount);
    }

    [Fact]
    public void Fetch_returns_one_keys_windows_in_time_order_and_fetch_all_orders_by_time_then_key()
    {
        var store = new InMemoryWindowBytesStore("w", retentionMs: 10_000, windowSizeMs: 10, segmentIntervalMs: 100);
        store.Put(KeyB, [1], 150);
        store.Put(KeyA, [2], 150);
        store.Put(KeyA, [3], 20);
        store.Put(KeyA, [4], 300);

        using var forA = store.Fetch(KeyA, 0, 200);
        var starts = new List<long>();
        while (forA.MoveNext())
        {
            starts.Add(forA.Current.Key);
        }

        Assert.Equal([20, 150], starts);

        using var all = store.FetchAll(100, 200);
        Assert.True(all.MoveNext());
        Assert.Equal(new Windowed<Bytes>(KeyA, 150, 160), all.Current.Key);
        Assert.True(all.MoveNext());
        Assert.Equal(new Windowed<Bytes>(KeyB, 150, 160), all.Current.Key);
        Assert.False(all.MoveNext());
    }

    [Fact]
    public void Null_value_deletes_one_window_of_one_key()
    {
        var store = new InMemoryWindowBytesStore("w", retentionMs: 1_000, windowSizeMs: 10, segmentIntervalMs: 100);
        store.Put(KeyA, [1], 10);
        store.Put(KeyA, [2], 20);

        store.Put(KeyA, null, 10);

        Assert.Null(store.Fetch(KeyA, 10));
        Assert.Equal([2], store.Fetch(KeyA, 20));
    }
}
