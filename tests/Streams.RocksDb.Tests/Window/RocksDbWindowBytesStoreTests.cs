using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using RecoStreams.Streams.RocksDb.Window;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.Internals;
using Xunit;
using static RecoStreams.Streams.RocksDb.Tests.TestSupport.Keys;

namespace RecoStreams.Streams.RocksDb.Tests.Window;

public sealed class RocksDbWindowBytesStoreTests : IDisposable
{
    // Windows of 10 ms, kept 100 ms, in segments of 50 ms: segment n holds starts [50n, 50n + 50).
    private const long WindowSize = 10;
    private const long Retention = 100;
    private const long Interval = 50;

    private readonly TempDirectory _dir = new();
    private readonly FakeStateStoreContext _context;
    private readonly RocksDbWindowBytesStore _store = new("popularity", Retention, WindowSize, Interval);

    public RocksDbWindowBytesStoreTests()
    {
        _context = new FakeStateStoreContext(_dir.Path);
        _store.Init(_context);
    }

    public void Dispose()
    {
        _store.Close();
        _dir.Dispose();
    }

    [Fact]
    public void Each_time_segment_is_its_own_database_folder_named_after_its_start()
    {
        _store.Put(B("item"), Utf8("1"), 10);
        _store.Put(B("item"), Utf8("2"), 60);

        Assert.Equal(2, _store.SegmentCount);
        Assert.True(Directory.Exists(_dir.Combine("rocksdb", "popularity", "popularity.0")));
        Assert.True(Directory.Exists(_dir.Combine("rocksdb", "popularity", "popularity.50")));
        Assert.NotNull(_context.RestoreCallbackOf("popularity"));
    }

    [Fact]
    public void Fetch_of_one_window_returns_its_value_and_a_null_put_deletes_it()
    {
        _store.Put(B("item"), Utf8("3"), 20);
        Assert.Equal("3", Text(_store.Fetch(B("item"), 20)));
        Assert.Null(_store.Fetch(B("item"), 30));
        Assert.Null(_store.Fetch(B("other"), 20));

        _store.Put(B("item"), null, 20);

        Assert.Null(_store.Fetch(B("item"), 20));
    }

    [Fact]
    public void Fetch_of_a_key_returns_its_windows_in_the_time_range_oldest_first_across_segments()
    {
        foreach (var start in new long[] { 90, 10, 40, 60, 120 })
        {
            _store.Put(B("item"), Utf8($"v{start}"), start);
        }

        var windows = _store.Fetch(B("item"), 10, 90).ToListAndDispose();

        Assert.Equal([10L, 40, 60, 90], windows.Select(w => w.Key));
        Assert.Equal("v60", Text(windows[2].Value));
    }

    [Fact]
    public void Fetch_of_a_key_skips_longer_keys_sharing_its_prefix()
    {
        // "a" + 0x00 is a different key whose stored bytes sort inside the byte range of key "a".
        _store.Put(Bytes.Wrap([0x61]), Utf8("a"), 5);
        _store.Put(Bytes.Wrap([0x61, 0x00]), Utf8("a0"), 5);
        _store.Put(Bytes.Wrap([0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]), Utf8("long"), 0);

        var windows = _store.Fetch(Bytes.Wrap([0x61]), 0, 49).ToListAndDispose();

        Assert.Equal("a", Text(Assert.Single(windows).Value));
    }

    [Fact]
    public void Fetch_all_returns_every_key_in_the_range_with_window_bounds()
    {
        _store.Put(B("a"), Utf8("1"), 10);
        _store.Put(B("b"), Utf8("2"), 20);
        _store.Put(B("a"), Utf8("3"), 70);

        var windows = _store.FetchAll(15, 70).ToListAndDispose().Select(w => w.Key).OrderBy(w => w.StartMs).ToList();

        Assert.Equal([new Windowed<Bytes>(B("b"), 20, 30), new Windowed<Bytes>(B("a"), 70, 80)], windows);
        Assert.Equal(3, _store.All().ToListAndDispose().Count);
    }

    [Fact]
    public void An_inverted_time_range_is_empty()
    {
        _store.Put(B("a"), Utf8("1"), 10);

        Assert.Empty(_store.Fetch(B("a"), 20, 10).ToListAndDispose());
        Assert.Empty(_store.FetchAll(20, 10).ToListAndDispose());
    }

    [Fact]
    public void A_segment_is_dropped_whole_once_stream_time_minus_retention_passes_its_end()
    {
        _store.Put(B("a"), Utf8("old"), 10);
        _store.Put(B("b"), Utf8("old"), 49);
        var firstSegment = _dir.Combine("rocksdb", "popularity", "popularity.0");

        // Stream time 149: 149 - 100 = 49 lies inside segment 0, which stays.
        _store.Put(B("c"), Utf8("new"), 149);
        Assert.Equal("old", Text(_store.Fetch(B("a"), 10)));
        Assert.True(Directory.Exists(firstSegment));

        // Stream time 150: 150 - 100 = 50 is segment 0's end, so all of segment 0 goes, both keys at once.
        _store.Put(B("c"), Utf8("new"), 150);

        Assert.Null(_store.Fetch(B("a"), 10));
        Assert.Null(_store.Fetch(B("b"), 49));
        Assert.False(Directory.Exists(firstSegment));
        Assert.Equal(2, _store.SegmentCount);
    }

    [Fact]
    public void Writes_into_an_expired_segment_are_ignored_and_counted()
    {
        _store.Put(B("a"), Utf8("new"), 200);

        _store.Put(B("a"), Utf8("late"), 40);
        _store.Put(B("a"), null, 45);

        Assert.Null(_store.Fetch(B("a"), 40));
        Assert.Equal(2, _store.ExpiredWritesDropped);
        Assert.False(Directory.Exists(_dir.Combine("rocksdb", "popularity", "popularity.0")));
    }

    [Fact]
    public void Restore_routes_changelog_records_to_their_segments_and_honours_retention()
    {
        _context.RestoreCallbackOf("popularity").RestoreBatch(
        [
            new(WindowKeySchema.ToChangelogKey(Utf8("a"), 10), Utf8("expired-by-later-record")),
            new(WindowKeySchema.ToChangelogKey(Utf8("a"), 160), Utf8("1")),
            new(WindowKeySchema.ToChangelogKey(Utf8("b"), 170), Utf8("2")),
            new(WindowKeySchema.ToChangelogKey(Utf8("b"), 170), null),
            new(WindowKeySchema.ToChangelogKey(Utf8("c"), 199), Utf8("3")),
        ]);

        Assert.Null(_store.Fetch(B("a"), 10));
        Assert.Equal("1", Text(_store.Fetch(B("a"), 160)));
        Assert.Null(_store.Fetch(B("b"), 170));
        Assert.Equal("3", Text(_store.Fetch(B("c"), 199)));
        Assert.Equal(1, _store.SegmentCount);
        Assert.False(Directory.Exists(_dir.Combine("rocksdb", "popularity", "popularity.0")));
    }

    [Fact]
    public void Segments_survive_close_and_reopen()
    {
        _store.Put(B("a"), Utf8("1"), 10);
        _store.Put(B("a"), Utf8("2"), 60);
        _store.Flush();
        _store.Close();

        var reopened = new RocksDbWindowBytesStore("popularity", Retention, WindowSize, Interval);
        reopened.Init(new FakeStateStoreContext(_dir.Path));
        try
        {
            Assert.Equal(2, reopened.SegmentCount);
            Assert.Equal([10L, 60], reopened.Fetch(B("a"), 0, 100).ToListAndDispose().Select(w => w.Key));
        }
        finally
        {
            reopened.Close();
        }
    }

    [Fact]
    public void An_iterator_opened_before_its_segment_expires_still_reads_it()
    {
        _store.Put(B("a"), Utf8("1"), 10);
        _store.Put(B("a"), Utf8("2"), 20);
        using var iterator = _store.Fetch(B("a"), 0, 49);
        Assert.True(iterator.MoveNext());

        _store.Put(B("z"), Utf8("late"), 500);

        Assert.True(iterator.MoveNext());
        Assert.Equal(20, iterator.Current.Key);
        Assert.False(iterator.MoveNext());
    }

    [Fact]
    public void A_segment_dropped_before_the_iterator_reaches_it_contributes_nothing()
    {
        _store.Put(B("a"), Utf8("1"), 60);
        _store.Put(B("a"), Utf8("2"), 110);
        using var iterator = _store.All();

        _store.Put(B("z"), Utf8("late"), 200);

        // Stream time 200 expires segment 1 (starts 50-99); segment 2 (100-149) is live. Segment 4, created
        // after the iterator, is not part of its view.
        Assert.Equal([110L], Drain(iterator).Select(w => w.Key.StartMs));
    }

    [Fact]
    public void Close_closes_open_iterators_and_later_calls_throw_InvalidStateStoreException()
    {
        _store.Put(B("a"), Utf8("1"), 10);
        var iterator = _store.All();

        _store.Close();

        Assert.Throws<InvalidStateStoreException>(() => iterator.MoveNext());
        Assert.Equal(0, _store.OpenIteratorCount);
        Assert.Throws<InvalidStateStoreException>(() => _store.Put(B("a"), Utf8("1"), 10));
        Assert.Throws<InvalidStateStoreException>(() => _store.Fetch(B("a"), 10));
        Assert.Throws<InvalidStateStoreException>(() => _store.FetchAll(0, 10));
        Assert.Throws<InvalidStateStoreException>(_store.Flush);
        _store.Close();
    }

    [Fact]
    public async Task Readers_racing_close_and_segment_drops_see_windows_or_InvalidStateStoreException_only()
    {
        for (var i = 0; i < 200; i++)
        {
            _store.Put(Bytes.Wrap(BitConverter.GetBytes(i)), [1], i % 100);
        }

        var reads = 0L;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (true)
            {
                try
                {
                    using var iterator = _store.All();
                    while (iterator.MoveNext())
                    {
                        Interlocked.Increment(ref reads);
                    }
                }
                catch (InvalidStateStoreException)
                {
                    return;
                }
            }
        })).ToArray();

        // The task keeps writing, advancing stream time so segments drop under the readers, then closes.
        for (var time = 100L; Interlocked.Read(ref reads) < 2000 && time < 1_000_000; time += 10)
        {
            _store.Put(B("writer"), [2], time);
        }

        _store.Close();

        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, _store.OpenIteratorCount);
    }

    [Fact]
    public void Supplier_defaults_the_segment_interval_to_half_the_retention()
    {
        var supplier = RocksDbStores.PersistentWindowStore("w", TimeSpan.FromHours(2), TimeSpan.FromMinutes(5));

        Assert.Equal(3_600_000, supplier.SegmentIntervalMs);
        Assert.Equal(7_200_000, supplier.RetentionPeriodMs);
        var store = Assert.IsType<RocksDbWindowBytesStore>(supplier.Get());
        Assert.Equal(300_000, store.WindowSizeMs);
        Assert.Throws<ArgumentException>(() => RocksDbStores.PersistentWindowStore("w", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)));
    }

    private static List<KeyValuePair<Windowed<Bytes>, byte[]>> Drain(IKeyValueIterator<Windowed<Bytes>, byte[]> iterator)
    {
        var entries = new List<KeyValuePair<Windowed<Bytes>, byte[]>>();
        while (iterator.MoveNext())
        {
            entries.Add(iterator.Current);
        }

        return entries;
    }

    private static Bytes B(string text) => Bytes.Wrap(Utf8(text));
}
