using RecoStreams.Streams.RocksDb.Iteration;
using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.KeyValue;

/// <summary>
/// A persistent key-value byte store in one RocksDB instance at <c>{task state dir}/rocksdb/{name}</c>
/// (Kafka Streams' RocksDBStore). Keys iterate in unsigned byte order.
/// </summary>
/// <remarks>
/// Thread-safety: the owning task writes while interactive queries read from other threads, which RocksDB
/// supports natively. Iterators are point-in-time views from their creation. <see cref="Close"/> may race
/// with readers: a call that starts after it, or an iterator it closed, throws
/// <see cref="InvalidStateStoreException"/>; native calls already running finish before the database closes.
/// </remarks>
public sealed class RocksDbKeyValueBytesStore : IKeyValueBytesStore, IStateStoreSize
{
    private readonly RocksDbOptions _options;
    private readonly OpenIterators _openIterators = new();
    private volatile RocksDatabase? _db;

    public RocksDbKeyValueBytesStore(string name, RocksDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _options = options ?? RocksDbOptions.Default;
    }

    public string Name { get; }

    public bool Persistent => true;

    public bool IsOpen => _db is not null;

    /// <summary>Where the database lives once initialised.</summary>
    public string? DbDirectory { get; private set; }

    /// <summary>Iterators handed out and not yet disposed; Close closes them.</summary>
    internal int OpenIteratorCount => _openIterators.Count;

    /// <summary>RocksDB's estimate: exact after a flush and without overwrites, otherwise approximate.</summary>
    public long ApproximateNumEntries => Use(0, static (db, _) => db.EstimatedKeys);

    public long ApproximateEntries => ApproximateNumEntries;

    public long ApproximateBytes => Use(0, static (db, _) => db.EstimatedBytes);

    public void Init(IStateStoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_db is not null)
        {
            throw new InvalidOperationException($"Store '{Name}' is already open.");
        }

        DbDirectory = Path.Combine(context.StateDirectory, "rocksdb", Name);
        _db = RocksDatabase.Open(DbDirectory, _options);
        context.Register(this, new KeyValueRestoreCallback(this));
    }

    public byte[]? Get(Bytes key) => Use(key, static (db, key) => db.Get(key.Span));

    public void Put(Bytes key, byte[]? value) => Use((key, value), static (db, entry) =>
    {
        if (entry.value is null)
        {
            db.Delete(entry.key.Span);
        }
        else
        {
            db.Put(entry.key.Span, entry.value);
        }
    });

    /// <summary>Applies all entries atomically in one write batch.</summary>
    public void PutAll(IReadOnlyList<KeyValuePair<Bytes, byte[]?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var batch = new RocksWriteBatch();
        foreach (var (key, value) in entries)
        {
            AddToBatch(batch, key.Span, value);
        }

        WriteBatch(batch);
    }

    public byte[]? Delete(Bytes key)
    {
        // Read-then-delete is safe: only the owning task writes to a store.
        var old = Get(key);
        if (old is not null)
        {
            Put(key, null);
        }

        return old;
    }

    /// <summary>Entries with from &lt;= key &lt;= to; a null bound is open; an inverted range is empty.</summary>
    public IKeyValueIterator<Bytes, byte[]> Range(Bytes? from, Bytes? to)
    {
        if (from is { } lower && to is { } upper && lower > upper)
        {
            return new EmptyIterator<Bytes, byte[]>();
        }

        return Iterate(from?.Get(), to is { } inclusive ? KeyBounds.Successor(inclusive.Span) : null);
    }

    public IKeyValueIterator<Bytes, byte[]> All() => Iterate(null, null);

    public IKeyValueIterator<Bytes, byte[]> PrefixScan(Bytes prefix) =>
        Iterate(prefix.Get(), KeyBounds.PrefixUpperBound(prefix.Span));

    /// <summary>
    /// Hands the write-ahead log's buffer to the operating system without an fsync: every write so far then
    /// survives the process (what must hold before offsets commit). Memtables are not flushed: that would
    /// write many small L0 files and multiply compaction work; RocksDB flushes them itself when they fill.
    /// </summary>
    public void Flush() => FlushWal(sync: false);

    /// <summary>Fsyncs the write-ahead log, so every write so far survives a machine crash too.</summary>
    public void Sync() => FlushWal(sync: true);

    /// <summary>Closes open iterators, then the database; idempotent.</summary>
    public void Close()
    {
        var db = Interlocked.Exchange(ref _db, null);
        if (db is null)
        {
            return;
        }

        _openIterators.CloseAll();
        db.Dispose();
    }

    internal void WriteBatch(RocksWriteBatch batch) => Use(batch, static (db, batch) => db.Write(batch));

    internal static void AddToBatch(RocksWriteBatch batch, ReadOnlySpan<byte> key, byte[]? value)
    {
        if (value is null)
        {
            batch.Delete(key);
        }
        else
        {
            batch.Put(key, value);
        }
    }

    private void FlushWal(bool sync) => Use(sync, static (db, sync) => db.FlushWal(sync));

    private RangeIterator Iterate(byte[]? lowerInclusive, byte[]? upperExclusive)
    {
        var iterator = Use(
            (Name, _openIterators, lowerInclusive, upperExclusive),
            static (db, range) => new RangeIterator(range.Name, range._openIterators, db.NewIterator(range.lowerInclusive, range.upperExclusive)));

        // Close clears _db before closing registered iterators, so one registered after that is caught here.
        _openIterators.Add(iterator);
        if (_db is null)
        {
            iterator.CloseByStore();
            throw InvalidStateStoreException.NotOpen(Name);
        }

        return iterator;
    }

    /// <summary>
    /// Runs one native call on the open database; a Close racing with it surfaces as the store not being open,
    /// as Kafka Streams reports it. The state argument keeps the delegates static (no closure per call).
    /// </summary>
    private T Use<TState, T>(TState state, Func<RocksDatabase, TState, T> call)
    {
        var db = Db();
        try
        {
            return call(db, state);
        }
        catch (ObjectDisposedException e)
        {
            throw InvalidStateStoreException.NotOpen(Name, e);
        }
    }

    private void Use<TState>(TState state, Action<RocksDatabase, TState> call)
    {
        var db = Db();
        try
        {
            call(db, state);
        }
        catch (ObjectDisposedException e)
        {
            throw InvalidStateStoreException.NotOpen(Name, e);
        }
    }

    private RocksDatabase Db() => _db ?? throw InvalidStateStoreException.NotOpen(Name);
}
