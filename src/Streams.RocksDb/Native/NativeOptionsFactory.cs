using RecoStreams.Streams.RocksDb.Native.Handles;
using RecoStreams.Streams.RocksDb.Native.Interop;

namespace RecoStreams.Streams.RocksDb.Native;

/// <summary>Translates <see cref="RocksDbOptions"/> into a native rocksdb_options_t for one open call.</summary>
internal static class NativeOptionsFactory
{
    public static OptionsHandle Create(RocksDbOptions options)
    {
        options.Validate();
        var native = RocksDbNative.OptionsCreate();
        RocksDbNative.OptionsSetCreateIfMissing(native, 1);
        RocksDbNative.OptionsSetWriteBufferSize(native, (nuint)options.WriteBufferBytes);
        RocksDbNative.OptionsSetMaxWriteBufferNumber(native, options.MaxWriteBuffers);
        RocksDbNative.OptionsSetCompression(native, (int)options.Compression);
        RocksDbNative.OptionsSetMaxBackgroundJobs(native, options.MaxBackgroundJobs);
        RocksDbNative.OptionsSetMaxOpenFiles(native, options.MaxOpenFiles);

        // The factory copies the table options (and shares the cache's shared_ptr), so they can go now.
        using var table = RocksDbNative.BlockBasedOptionsCreate();
        RocksDbNative.BlockBasedOptionsSetBlockCache(table, RocksBlockCache.Shared(options.BlockCacheBytes).Handle);

        // Charging index and filter blocks to the cache is what makes the block cache a real memory bound;
        // pinning L0's keeps the hottest ones from being evicted by data blocks.
        RocksDbNative.BlockBasedOptionsSetCacheIndexAndFilterBlocks(table, 1);
        RocksDbNative.BlockBasedOptionsSetPinL0FilterAndIndexBlocksInCache(table, 1);
        if (options.BloomFilterBitsPerKey > 0)
        {
            RocksDbNative.BlockBasedOptionsSetFilterPolicy(table, RocksDbNative.FilterPolicyCreateBloomFull(options.BloomFilterBitsPerKey));
        }

        RocksDbNative.OptionsSetBlockBasedTableFactory(native, table);
        return native;
    }
}
