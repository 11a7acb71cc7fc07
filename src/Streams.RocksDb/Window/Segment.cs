using RecoStreams.Streams.RocksDb.Native;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>
/// One time segment of a window store: its own RocksDB instance holding the windows whose start lies in
/// [Id × interval, (Id + 1) × interval). Retention drops a segment whole: close it and delete its folder.
/// </summary>
internal sealed class Segment(long id, string directory, RocksDatabase db)
{
    private volatile bool _dropped;

    public long Id { get; } = id;

    public string Directory { get; } = directory;

    public RocksDatabase Db { get; } = db;

    /// <summary>True once retention dropped it; a reader that finds its database closed treats it as empty.</summary>
    public bool Dropped => _dropped;

    public void Close() => Db.Dispose();

    /// <summary>
    /// Closes and deletes the segment. An iterator still reading it keeps the native database alive until
    /// that iterator is disposed; the folder goes when the database has closed.
    /// </summary>
    public void Drop()
    {
        _dropped = true;
        Db.DisposeAndDeleteFolder();
    }
}
