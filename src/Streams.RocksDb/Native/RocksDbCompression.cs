namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>
/// Block compression, numbered as c.h's rocksdb_*_compression constants. The packaged librocksdb links
/// snappy, zlib, lz4 and zstd statically; an unlinked type makes Open fail with a clear error.
/// </summary>
public enum RocksDbCompression
{
    None = 0,
    Snappy = 1,
    Zlib = 2,
    Lz4 = 4,
    Zstd = 7,
}
