using System.Globalization;
using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>
/// One open RocksDB database. Thread-safe, as RocksDB is: readers may run while a writer writes.
/// Dispose closes it once the native calls in flight, and any iterator still open, are done with it;
/// calls after that throw <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe class RocksDatabase : IDisposable
{
    private readonly DbHandle _db;
    private readonly ReadOptionsHandle _readOptions;
    private readonly WriteOptionsHandle _writeOptions;

    private RocksDatabase(string path, DbHandle db)
    {
        Path = path;
        _db = db;
        _readOptions = RocksDbNative.ReadOptionsCreate();
        _writeOptions = RocksDbNative.WriteOptionsCreate();
    }

    public string Path { get; }

    public bool IsDisposed => _db.IsClosed;

    /// <summary>Opens (creating if missing) the database in <paramref name="path"/>.</summary>
    public static RocksDatabase Open(string path, RocksDbOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(path);
        using var nativeOptions = NativeOptionsFactory.Create(options);
        nint error = 0;
        var db = RocksDbNative.Open(nativeOptions, path, ref error);
        if (error != 0 || db.IsInvalid)
        {
            db.SetHandleAsInvalid();
            NativeErrors.ThrowIfError(error, $"open of '{path}'");
            throw new RocksDbException($"RocksDB open of '{path}' returned no database.");
        }

        return new RocksDatabase(path, db);
    }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        nint error = 0;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.Put(_db, _writeOptions, k, (nuint)key.Length, v, (nuint)value.Length, ref error);
        }

        NativeErrors.ThrowIfError(error, "put");
    }

    /// <summary>The value of <paramref name="key"/>, copied once out of RocksDB's pinned block; null when absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        nint error = 0;
        nint slice;
        fixed (byte* k = key)
        {
            slice = RocksDbNative.GetPinned(_db, _readOptions, k, (nuint)key.Length, ref error);
        }

        NativeErrors.ThrowIfError(error, "get");
        if (slice == 0)
        {
            return null;
        }

        try
        {
            var value = RocksDbNative.PinnableSliceValue(slice, out var length);
            return new ReadOnlySpan<byte>(value, checked((int)length)).ToArray();
        }
        finally
        {
            RocksDbNative.PinnableSliceDestroy(slice);
        }
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        nint error = 0;
        fixed (byte* k = key)
        {
            RocksDbNative.Delete(_db, _writeOptions, k, (nuint)key.Length, ref error);
        }

        NativeErrors.ThrowIfError(error, "delete");
    }

    /// <summary>
    /// Deletes every key in [startInclusive, endExclusive) with one range tombstone: constant cost however
    /// many keys it covers, and compaction reclaims the space.
    /// </summary>
    public void DeleteRange(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive)
    {
        // Debian's 7.8 C API has delete_range only for column families or batches; a batch needs no handle.
        using var batch = new RocksWriteBatch();
        batch.DeleteRange(startInclusive, endExclusive);
        Write(batch);
    }

    /// <summary>Applies every operation in the batch atomically.</summary>
    public void Write(RocksWriteBatch batch)
    {
        nint error = 0;
        RocksDbNative.Write(_db, _writeOptions, batch.Handle, ref error);
        NativeErrors.ThrowIfError(error, "write");
    }

    /// <summary>
    /// A new iterator over [lowerInclusive, upperExclusive) (null = unbounded). Bounds let RocksDB stop
    /// at the edge instead of reading the next block, and skip range tombstones outside them.
    /// </summary>
    public RocksIterator NewIterator(byte[]? lowerInclusive = null, byte[]? upperExclusive = null)
    {
        using var readOptions = RocksDbNative.ReadOptionsCreate();
        if (lowerInclusive is not null)
        {
            using var lower = new NativeBufferHandle(lowerInclusive);
            readOptions.KeepAlive(lower);
            RocksDbNative.ReadOptionsSetIterateLowerBound(readOptions, lower.Pointer, (nuint)lower.Length);
        }

        if (upperExclusive is not null)
        {
            using var upper = new NativeBufferHandle(upperExclusive);
            readOptions.KeepAlive(upper);
            RocksDbNative.ReadOptionsSetIterateUpperBound(readOptions, upper.Pointer, (nuint)upper.Length);
        }

        // Hold the database across creation: a Dispose racing this call would otherwise close it the moment
        // the call returns, before KeepAlive, and the orphaned iterator's finalizer would then lock the
        // closed database's mutex, which aborts the process.
        var held = false;
        _db.DangerousAddRef(ref held);
        try
        {
            var iterator = RocksDbNative.CreateIterator(_db, readOptions);
            iterator.KeepAlive(_db);
            iterator.KeepAlive(readOptions);
            return new RocksIterator(iterator);
        }
        finally
        {
            _db.DangerousRelease();
        }
    }

    /// <summary>A DB property such as "rocksdb.estimate-num-keys"; null when RocksDB does not know it.</summary>
    public string? GetProperty(string name)
    {
        var value = RocksDbNative.PropertyValue(_db, name);
        if (value == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            RocksDbNative.Free(value);
        }
    }

    public long? GetLongProperty(string name) =>
        long.TryParse(GetProperty(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Estimated keys (<c>rocksdb.estimate-num-keys</c>): exact after a flush and without overwrites.</summary>
    public long EstimatedKeys => GetLongProperty("rocksdb.estimate-num-keys") ?? 0;

    /// <summary>SST files plus memtables (<c>rocksdb.total-sst-files-size</c> + <c>rocksdb.size-all-mem-tables</c>).</summary>
    public long EstimatedBytes =>
        (GetLongProperty("rocksdb.total-sst-files-size") ?? 0) + (GetLongProperty("rocksdb.size-all-mem-tables") ?? 0);

    /// <summary>Approximate on-disk (SST) bytes of keys in [startInclusive, limitExclusive); memtables are not counted.</summary>
    public ulong GetApproximateSize(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> limitExclusive)
    {
        nint error = 0;
        ulong size;
        fixed (byte* s = startInclusive)
        fixed (byte* l = limitExclusive)
        {
            var starts = s;
            var limits = l;
            var startLength = (nuint)startInclusive.Length;
            var limitLength = (nuint)limitExclusive.Length;
            RocksDbNative.ApproximateSizes(_db, 1, &starts, &startLength, &limits, &limitLength, &size, ref error);
        }

        NativeErrors.ThrowIfError(error, "approximate sizes");
        return size;
    }

    /// <summary>Writes the memtables to SST files and waits for it, so the WAL is no longer needed to recover them.</summary>
    public void Flush()
    {
        using var flushOptions = RocksDbNative.FlushOptionsCreate();
        RocksDbNative.FlushOptionsSetWait(flushOptions, 1);
        nint error = 0;
        RocksDbNative.Flush(_db, flushOptions, ref error);
        NativeErrors.ThrowIfError(error, "flush");
    }

    /// <summary>
    /// Writes the WAL buffer to its file and, with <paramref name="sync"/>, fsyncs it: every write so far
    /// then survives a machine crash, without turning memtables into small L0 files as <see cref="Flush"/> does.
    /// </summary>
    public void FlushWal(bool sync)
    {
        nint error = 0;
        RocksDbNative.FlushWal(_db, sync ? (byte)1 : (byte)0, ref error);
        NativeErrors.ThrowIfError(error, "WAL flush");
    }

    /// <summary>
    /// Creates an openable copy of the database in <paramref name="directory"/> (which must not exist),
    /// hard-linking SST files, so it is cheap and consistent while writes continue.
    /// </summary>
    public void CreateCheckpoint(string directory)
    {
        // The checkpoint object points at the database without holding it: keep it open until both calls end.
        var held = false;
        _db.DangerousAddRef(ref held);
        try
        {
            nint error = 0;
            using var checkpoint = RocksDbNative.CheckpointObjectCreate(_db, ref error);
            NativeErrors.ThrowIfError(error, "checkpoint object creation");
            RocksDbNative.CheckpointCreate(checkpoint, directory, 0, ref error);
            NativeErrors.ThrowIfError(error, $"checkpoint into '{directory}'");
        }
        finally
        {
            _db.DangerousRelease();
        }
    }

    /// <summary>
    /// Disposes the database and deletes its folder once the native database has really closed: at once, or
    /// when the last iterator still reading it is disposed. Deleting earlier races RocksDB, which may still
    /// write into the folder while an iterator keeps it open.
    /// </summary>
    public void DisposeAndDeleteFolder()
    {
        var folder = Path;
        _db.AfterClose = () =>
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // Possibly on a finalizer thread: a folder that cannot go now is left behind rather than crashing.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        };
        Dispose();
    }

    public void Dispose()
    {
        _readOptions.Dispose();
        _writeOptions.Dispose();
        _db.Dispose();
    }
}
