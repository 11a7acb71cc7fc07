using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using Xunit;
using static RecoStreams.Streams.RocksDb.Tests.TestSupport.Keys;

namespace RecoStreams.Streams.RocksDb.Tests.Native;

public sealed class RocksDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Get_returns_what_put_wrote_and_null_for_a_missing_key()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("user-1"), Utf8("alice"));

        Assert.Equal("alice", Text(db.Get(Utf8("user-1"))));
        Assert.Null(db.Get(Utf8("user-2")));
    }

    [Fact]
    public void Empty_key_and_empty_value_round_trip()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put([], []);

        var value = db.Get([]);

        Assert.NotNull(value);
        Assert.Empty(value);
    }

    [Fact]
    public void Delete_removes_the_key()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("k"), Utf8("v"));

        db.Delete(Utf8("k"));

        Assert.Null(db.Get(Utf8("k")));
    }

    [Fact]
    public void Write_batch_applies_puts_and_deletes_together()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("old"), Utf8("x"));
        using var batch = new RocksWriteBatch();
        batch.Put(Utf8("a"), Utf8("1"));
        batch.Put(Utf8("b"), Utf8("2"));
        batch.Delete(Utf8("old"));
        Assert.Equal(3, batch.Count);

        db.Write(batch);

        Assert.Equal("1", Text(db.Get(Utf8("a"))));
        Assert.Equal("2", Text(db.Get(Utf8("b"))));
        Assert.Null(db.Get(Utf8("old")));
    }

    [Fact]
    public void Write_batch_clear_drops_queued_operations()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        using var batch = new RocksWriteBatch();
        batch.Put(Utf8("a"), Utf8("1"));

        batch.Clear();
        db.Write(batch);

        Assert.Equal(0, batch.Count);
        Assert.Null(db.Get(Utf8("a")));
    }

    [Fact]
    public void Delete_range_removes_keys_from_start_inclusive_to_end_exclusive()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            db.Put(Utf8(key), Utf8(key));
        }

        db.DeleteRange(Utf8("b"), Utf8("d"));

        Assert.NotNull(db.Get(Utf8("a")));
        Assert.Null(db.Get(Utf8("b")));
        Assert.Null(db.Get(Utf8("c")));
        Assert.NotNull(db.Get(Utf8("d")));
    }

    [Fact]
    public void Estimate_num_keys_property_counts_written_keys()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        for (var i = 0; i < 1000; i++)
        {
            db.Put(BitConverter.GetBytes(i), Utf8("v"));
        }

        Assert.Equal(1000, db.GetLongProperty("rocksdb.estimate-num-keys"));
        Assert.Null(db.GetProperty("rocksdb.no-such-property"));
    }

    [Fact]
    public void Approximate_size_covers_flushed_data_in_the_range_only()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default with { Compression = RocksDbCompression.None });
        var value = new byte[1000];
        Random.Shared.NextBytes(value);
        for (var i = 0; i < 1000; i++)
        {
            db.Put(Utf8($"b{i:D4}"), value);
        }

        db.Flush();

        Assert.InRange(db.GetApproximateSize(Utf8("a"), Utf8("c")), 500_000UL, 2_000_000UL);
        Assert.Equal(0UL, db.GetApproximateSize(Utf8("x"), Utf8("z")));
    }

    [Theory]
    [InlineData(RocksDbCompression.None)]
    [InlineData(RocksDbCompression.Snappy)]
    [InlineData(RocksDbCompression.Zlib)]
    [InlineData(RocksDbCompression.Lz4)]
    [InlineData(RocksDbCompression.Zstd)]
    public void Data_flushed_with_each_linked_compression_reads_back_after_reopen(RocksDbCompression compression)
    {
        var options = RocksDbOptions.Default with { Compression = compression };
        using (var db = RocksDatabase.Open(_dir.Path, options))
        {
            db.Put(Utf8("k"), Utf8(new string('v', 10_000)));
            db.Flush();
        }

        using var reopened = RocksDatabase.Open(_dir.Path, options);
        Assert.Equal(10_000, reopened.Get(Utf8("k"))!.Length);
    }

    [Fact]
    public void Unflushed_writes_survive_reopen_through_the_write_ahead_log()
    {
        using (var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default))
        {
            db.Put(Utf8("k"), Utf8("v"));
        }

        using var reopened = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        Assert.Equal("v", Text(reopened.Get(Utf8("k"))));
    }

    [Fact]
    public void Checkpoint_is_an_independent_openable_copy()
    {
        var checkpointDir = _dir.Combine("checkpoint");
        using var db = RocksDatabase.Open(_dir.Combine("db"), RocksDbOptions.Default);
        db.Put(Utf8("k"), Utf8("before"));

        db.CreateCheckpoint(checkpointDir);
        db.Put(Utf8("k"), Utf8("after"));

        using var copy = RocksDatabase.Open(checkpointDir, RocksDbOptions.Default);
        Assert.Equal("before", Text(copy.Get(Utf8("k"))));
    }

    [Fact]
    public void Checkpoint_into_an_existing_directory_fails_with_rocksdb_message()
    {
        using var db = RocksDatabase.Open(_dir.Combine("db"), RocksDbOptions.Default);
        Directory.CreateDirectory(_dir.Combine("taken"));

        var error = Assert.Throws<RocksDbException>(() => db.CreateCheckpoint(_dir.Combine("taken")));

        Assert.Contains("checkpoint", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Opening_a_database_twice_fails_with_the_lock_error()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);

        var error = Assert.Throws<RocksDbException>(() => RocksDatabase.Open(_dir.Path, RocksDbOptions.Default));

        Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Disposing_and_deleting_waits_for_the_last_iterator_before_the_folder_goes()
    {
        var folder = Path.Combine(_dir.Path, "segment");
        var db = RocksDatabase.Open(folder, RocksDbOptions.Default);
        db.Put(Utf8("k"), Utf8("v"));
        var iterator = db.NewIterator();

        db.DisposeAndDeleteFolder();

        Assert.True(Directory.Exists(folder));
        iterator.SeekToFirst();
        Assert.Equal("v", Text(iterator.Value));
        iterator.Dispose();
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);

        db.Dispose();
        db.Dispose();

        Assert.True(db.IsDisposed);
    }

    [Fact]
    public void Every_call_after_dispose_throws_ObjectDisposedException()
    {
        var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Dispose();

        Assert.Throws<ObjectDisposedException>(() => db.Put(Utf8("k"), Utf8("v")));
        Assert.Throws<ObjectDisposedException>(() => db.Get(Utf8("k")));
        Assert.Throws<ObjectDisposedException>(() => db.Delete(Utf8("k")));
        Assert.Throws<ObjectDisposedException>(() => db.NewIterator());
        Assert.Throws<ObjectDisposedException>(() => db.GetProperty("rocksdb.estimate-num-keys"));
        Assert.Throws<ObjectDisposedException>(db.Flush);
    }

    [Fact]
    public void Closing_releases_the_lock_so_the_database_reopens()
    {
        RocksDatabase.Open(_dir.Path, RocksDbOptions.Default).Dispose();

        using var reopened = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);

        Assert.False(reopened.IsDisposed);
    }
}
