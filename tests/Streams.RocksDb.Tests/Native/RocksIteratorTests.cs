using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using Xunit;
using static RecoStreams.Streams.RocksDb.Tests.TestSupport.Keys;

namespace RecoStreams.Streams.RocksDb.Tests.Native;

public sealed class RocksIteratorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Iterates_in_unsigned_byte_order()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put([0x80], [1]);
        db.Put([0x7F], [2]);
        db.Put([0x00, 0xFF], [3]);

        Assert.Equal([[0x00, 0xFF], [0x7F], [0x80]], ReadAllKeys(db.NewIterator()));
    }

    [Fact]
    public void Seek_lands_on_the_first_key_at_or_after_the_target()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("a"), Utf8("1"));
        db.Put(Utf8("c"), Utf8("3"));
        using var iterator = db.NewIterator();

        iterator.Seek(Utf8("b"));

        Assert.True(iterator.Valid);
        Assert.Equal("c", Text(iterator.Key));
        Assert.Equal("3", Text(iterator.Value));
        iterator.Next();
        Assert.False(iterator.Valid);
        iterator.ThrowIfError();
    }

    [Fact]
    public void Bounds_include_the_lower_and_exclude_the_upper_key()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            db.Put(Utf8(key), Utf8(key));
        }

        var keys = ReadAllKeys(db.NewIterator(lowerInclusive: Utf8("b"), upperExclusive: Utf8("d")));

        Assert.Equal(["b", "c"], keys.Select(k => Text(k)));
    }

    [Fact]
    public void Iterator_reads_the_database_as_of_its_creation()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("a"), Utf8("1"));
        using var iterator = db.NewIterator();

        db.Put(Utf8("b"), Utf8("2"));
        db.Delete(Utf8("a"));

        iterator.SeekToFirst();
        Assert.Equal("a", Text(iterator.KeyToArray()));
        Assert.Equal("1", Text(iterator.ValueToArray()));
        iterator.Next();
        Assert.False(iterator.Valid);
    }

    [Fact]
    public void An_open_iterator_keeps_a_disposed_database_alive_until_it_is_disposed()
    {
        var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        db.Put(Utf8("a"), Utf8("1"));
        var iterator = db.NewIterator();

        db.Dispose();
        iterator.SeekToFirst();
        Assert.Equal("a", Text(iterator.Key));
        Assert.Throws<RocksDbException>(() => RocksDatabase.Open(_dir.Path, RocksDbOptions.Default));

        iterator.Dispose();
        using var reopened = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        Assert.Equal("1", Text(reopened.Get(Utf8("a"))));
    }

    [Fact]
    public void Iterator_disposed_twice_is_harmless_and_then_unusable()
    {
        using var db = RocksDatabase.Open(_dir.Path, RocksDbOptions.Default);
        var iterator = db.NewIterator();

        iterator.Dispose();
        iterator.Dispose();

        Assert.True(iterator.IsDisposed);
        Assert.Throws<ObjectDisposedException>(iterator.SeekToFirst);
        Assert.Throws<ObjectDisposedException>(() => iterator.Valid);
        Assert.Throws<ObjectDisposedException>(() => iterator.KeyToArray());
    }

    [Fact]
    public void Write_batch_is_unusable_after_dispose()
    {
        var batch = new RocksWriteBatch();

        batch.Dispose();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Put(Utf8("k"), Utf8("v")));
    }

    private static List<byte[]> ReadAllKeys(RocksIterator iterator)
    {
        using (iterator)
        {
            var keys = new List<byte[]>();
            for (iterator.SeekToFirst(); iterator.Valid; iterator.Next())
            {
                keys.Add(iterator.KeyToArray());
            }

            iterator.ThrowIfError();
            return keys;
        }
    }
}
