using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.RocksDb.Tests.TestSupport.Keys;

namespace RecoStreams.Streams.RocksDb.Tests.KeyValue;

public sealed class RocksDbKeyValueBytesStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeStateStoreContext _context;
    private readonly RocksDbKeyValueBytesStore _store = new("profiles");

    public RocksDbKeyValueBytesStoreTests()
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
    public void Init_opens_the_database_under_rocksdb_and_the_store_name_and_registers_a_restore_callback()
    {
        Assert.True(_store.IsOpen);
        Assert.True(_store.Persistent);
        Assert.Equal(_dir.Combine("rocksdb", "profiles"), _store.DbDirectory);
        Assert.True(File.Exists(_dir.Combine("rocksdb", "profiles", "CURRENT")));
        Assert.NotNull(_context.RestoreCallbackOf("profiles"));
    }

    [Fact]
    public void Get_returns_the_last_put_and_a_null_put_deletes()
    {
        _store.Put(B("k"), Utf8("v1"));
        _store.Put(B("k"), Utf8("v2"));
        Assert.Equal("v2", Text(_store.Get(B("k"))));

        _store.Put(B("k"), null);

        Assert.Null(_store.Get(B("k")));
    }

    [Fact]
    public void Delete_returns_the_old_value_or_null()
    {
        _store.Put(B("k"), Utf8("v"));

        Assert.Equal("v", Text(_store.Delete(B("k"))));
        Assert.Null(_store.Delete(B("k")));
        Assert.Null(_store.Get(B("k")));
    }

    [Fact]
    public void PutAll_applies_puts_and_deletes_in_order()
    {
        _store.Put(B("gone"), Utf8("x"));

        _store.PutAll([new(B("a"), Utf8("1")), new(B("gone"), null), new(B("a"), Utf8("2"))]);

        Assert.Equal("2", Text(_store.Get(B("a"))));
        Assert.Null(_store.Get(B("gone")));
    }

    [Fact]
    public void Range_includes_both_bounds_in_unsigned_byte_order()
    {
        foreach (var key in new byte[][] { [0x01], [0x7F], [0x80], [0x80, 0x00], [0xFF] })
        {
            _store.Put(Bytes.Wrap(key), [1]);
        }

        var keys = _store.Range(Bytes.Wrap([0x7F]), Bytes.Wrap([0x80, 0x00])).ToListAndDispose().Select(e => e.Key.Get());

        Assert.Equal([[0x7F], [0x80], [0x80, 0x00]], keys);
    }

    [Fact]
    public void Range_with_open_bounds_and_All_return_everything()
    {
        _store.Put(B("a"), Utf8("1"));
        _store.Put(B("b"), Utf8("2"));

        Assert.Equal(2, _store.Range(null, null).ToListAndDispose().Count);
        Assert.Equal(["a", "b"], _store.All().ToListAndDispose().Select(e => Text(e.Key.Span)));
        Assert.Equal(["b"], _store.Range(B("b"), null).ToListAndDispose().Select(e => Text(e.Key.Span)));
        Assert.Equal(["a"], _store.Range(null, B("a")).ToListAndDispose().Select(e => Text(e.Key.Span)));
    }

    [Fact]
    public void An_inverted_range_is_empty()
    {
        _store.Put(B("a"), Utf8("1"));

        Assert.Empty(_store.Range(B("z"), B("a")).ToListAndDispose());
    }

    [Fact]
    public void Prefix_scan_returns_exactly_the_keys_with_the_prefix_even_at_0xFF()
    {
        foreach (var key in new byte[][] { [0x01], [0x01, 0xFF], [0x01, 0xFF, 0x00], [0x02], [0xFF], [0xFF, 0xFF] })
        {
            _store.Put(Bytes.Wrap(key), [1]);
        }

        Assert.Equal([[0x01, 0xFF], [0x01, 0xFF, 0x00]], _store.PrefixScan(Bytes.Wrap([0x01, 0xFF])).ToListAndDispose().Select(e => e.Key.Get()));
        Assert.Equal([[0xFF], [0xFF, 0xFF]], _store.PrefixScan(Bytes.Wrap([0xFF])).ToListAndDispose().Select(e => e.Key.Get()));
        Assert.Equal(6, _store.PrefixScan(Bytes.Wrap([])).ToListAndDispose().Count);
    }

    [Fact]
    public void Peeking_the_next_key_does_not_advance_the_iterator()
    {
        _store.Put(B("a"), Utf8("1"));
        _store.Put(B("b"), Utf8("2"));
        using var iterator = _store.All();

        Assert.True(iterator.TryPeekNextKey(out var peeked));
        Assert.Equal("a", Text(peeked.Span));
        Assert.True(iterator.MoveNext());
        Assert.Equal("a", Text(iterator.Current.Key.Span));
        Assert.True(iterator.TryPeekNextKey(out peeked));
        Assert.Equal("b", Text(peeked.Span));
        Assert.True(iterator.MoveNext());
        Assert.False(iterator.TryPeekNextKey(out _));
        Assert.False(iterator.MoveNext());
    }

    [Fact]
    public void An_iterator_sees_the_store_as_it_was_when_the_iterator_was_created()
    {
        _store.Put(B("a"), Utf8("1"));
        using var iterator = _store.All();

        _store.Put(B("b"), Utf8("2"));
        _store.Put(B("a"), Utf8("changed"));

        Assert.True(iterator.MoveNext());
        Assert.Equal("1", Text(iterator.Current.Value));
        Assert.False(iterator.MoveNext());
    }

    [Fact]
    public void Approximate_num_entries_follows_the_number_of_keys()
    {
        for (var i = 0; i < 500; i++)
        {
            _store.Put(Bytes.Wrap(BitConverter.GetBytes(i)), [1]);
        }

        Assert.Equal(500, _store.ApproximateNumEntries);
    }

    [Fact]
    public void Restore_callback_applies_a_changelog_batch_including_tombstones()
    {
        _store.Put(B("deleted-later"), Utf8("x"));

        _context.RestoreCallbackOf("profiles").RestoreBatch(
        [
            new(Utf8("a"), Utf8("1")),
            new(Utf8("deleted-later"), null),
            new(Utf8("a"), Utf8("2")),
        ]);

        Assert.Equal("2", Text(_store.Get(B("a"))));
        Assert.Null(_store.Get(B("deleted-later")));
    }

    [Fact]
    public void Restores_store_from_changelog_after_state_folder_is_deleted()
    {
        var changelog = new List<KeyValuePair<byte[], byte[]?>>();
        for (var i = 0; i < 100; i++)
        {
            var key = Utf8($"user-{i:D3}");
            _store.Put(Bytes.Wrap(key), Utf8($"v{i}"));
            changelog.Add(new(key, Utf8($"v{i}")));
        }

        _store.Close();
        Directory.Delete(_dir.Combine("rocksdb"), recursive: true);
        var context = new FakeStateStoreContext(_dir.Path);
        var restored = new RocksDbKeyValueBytesStore("profiles");
        restored.Init(context);
        try
        {
            Assert.Empty(restored.All().ToListAndDispose());

            context.RestoreCallbackOf("profiles").RestoreBatch(changelog);

            Assert.Equal(100, restored.All().ToListAndDispose().Count);
            Assert.Equal("v42", Text(restored.Get(B("user-042"))));
        }
        finally
        {
            restored.Close();
        }
    }

    [Fact]
    public void Synced_writes_survive_close_and_reopen_and_a_closed_store_refuses_to_sync()
    {
        _store.Put(B("k"), Utf8("v"));
        _store.Flush();
        _store.Sync();
        _store.Close();
        Assert.Throws<InvalidStateStoreException>(_store.Sync);

        var reopened = new RocksDbKeyValueBytesStore("profiles");
        reopened.Init(new FakeStateStoreContext(_dir.Path));
        try
        {
            Assert.Equal("v", Text(reopened.Get(B("k"))));
        }
        finally
        {
            reopened.Close();
        }
    }

    [Fact]
    public void Data_survives_close_and_reopen_after_flush()
    {
        _store.Put(B("k"), Utf8("v"));
        _store.Flush();
        _store.Close();

        var reopened = new RocksDbKeyValueBytesStore("profiles");
        reopened.Init(new FakeStateStoreContext(_dir.Path));
        try
        {
            Assert.Equal("v", Text(reopened.Get(B("k"))));
        }
        finally
        {
            reopened.Close();
        }
    }

    [Fact]
    public void Close_closes_open_iterators_so_their_readers_get_InvalidStateStoreException()
    {
        _store.Put(B("a"), Utf8("1"));
        _store.Put(B("b"), Utf8("2"));
        var iterator = _store.All();
        Assert.True(iterator.MoveNext());
        Assert.Equal(1, _store.OpenIteratorCount);

        _store.Close();

        Assert.Throws<InvalidStateStoreException>(() => iterator.MoveNext());
        Assert.Equal(0, _store.OpenIteratorCount);
        Assert.False(_store.IsOpen);
    }

    [Fact]
    public void Disposed_iterators_are_no_longer_tracked()
    {
        var iterator = _store.All();
        Assert.Equal(1, _store.OpenIteratorCount);

        iterator.Dispose();
        iterator.Dispose();

        Assert.Equal(0, _store.OpenIteratorCount);
        Assert.Throws<ObjectDisposedException>(() => iterator.MoveNext());
    }

    [Fact]
    public void Every_operation_after_close_throws_InvalidStateStoreException()
    {
        _store.Close();
        _store.Close();

        Assert.Throws<InvalidStateStoreException>(() => _store.Get(B("k")));
        Assert.Throws<InvalidStateStoreException>(() => _store.Put(B("k"), [1]));
        Assert.Throws<InvalidStateStoreException>(() => _store.PutAll([new(B("k"), [1])]));
        Assert.Throws<InvalidStateStoreException>(() => _store.All());
        Assert.Throws<InvalidStateStoreException>(() => _store.ApproximateNumEntries);
        Assert.Throws<InvalidStateStoreException>(_store.Flush);
    }

    [Fact]
    public async Task Readers_racing_close_see_values_or_InvalidStateStoreException_and_nothing_else()
    {
        for (var i = 0; i < 1000; i++)
        {
            _store.Put(Bytes.Wrap(BitConverter.GetBytes(i)), BitConverter.GetBytes(i));
        }

        var reads = 0L;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (true)
            {
                try
                {
                    Assert.NotNull(_store.Get(Bytes.Wrap(BitConverter.GetBytes(7))));
                    using var iterator = _store.Range(Bytes.Wrap(BitConverter.GetBytes(0)), null);
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

        SpinWait.SpinUntil(() => Interlocked.Read(ref reads) > 5000, TimeSpan.FromSeconds(10));
        _store.Close();

        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, _store.OpenIteratorCount);
    }

    [Fact]
    public void Supplier_makes_a_fresh_store_per_call_with_the_given_name()
    {
        var supplier = RocksDbStores.PersistentKeyValueStore("counts");

        var first = supplier.Get();
        var second = supplier.Get();

        Assert.Equal("counts", supplier.Name);
        Assert.NotSame(first, second);
        Assert.IsType<RocksDbKeyValueBytesStore>(first);
        Assert.Equal("counts", first.Name);
    }

    private static Bytes B(string text) => Bytes.Wrap(Utf8(text));
}
