namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>
/// Block compression, numbered as c.h's rocksdb_*_compression constants. Debian's librocksdb 7.8 links
/// snappy, zlib, bz2, lz4 and zstd (checked with ldd); an unlinked type makes Open fail with a clear error.
/// </summary>
public enum RocksDbCompression
{
    None = 0,
    Snappy = 1,
    Zlib = 2,
    Lz4 = 4,
    Zstd = 7,
}
