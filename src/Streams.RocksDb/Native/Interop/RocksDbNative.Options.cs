using System.Runtime.InteropServices;
using RecoStreams.Streams.RocksDb.Native.Handles;

namespace RecoStreams.Streams.RocksDb.Native.Interop;

internal static partial class RocksDbNative
{
    [LibraryImport(Library, EntryPoint = "rocksdb_options_create")]
    internal static partial OptionsHandle OptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_options_destroy")]
    internal static partial void OptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_create_if_missing")]
    internal static partial void OptionsSetCreateIfMissing(OptionsHandle options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_write_buffer_size")]
    internal static partial void OptionsSetWriteBufferSize(OptionsHandle options, nuint bytes);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_max_write_buffer_number")]
    internal static partial void OptionsSetMaxWriteBufferNumber(OptionsHandle options, int count);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_compression")]
    internal static partial void OptionsSetCompression(OptionsHandle options, int compressionType);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_max_background_jobs")]
    internal static partial void OptionsSetMaxBackgroundJobs(OptionsHandle options, int jobs);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_max_open_files")]
    internal static partial void OptionsSetMaxOpenFiles(OptionsHandle options, int files);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_block_based_table_factory")]
    internal static partial void OptionsSetBlockBasedTableFactory(OptionsHandle options, BlockBasedTableOptionsHandle tableOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_create")]
    internal static partial BlockBasedTableOptionsHandle BlockBasedOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_destroy")]
    internal static partial void BlockBasedOptionsDestroy(nint tableOptions);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_block_cache")]
    internal static partial void BlockBasedOptionsSetBlockCache(BlockBasedTableOptionsHandle tableOptions, CacheHandle cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_cache_index_and_filter_blocks")]
    internal static partial void BlockBasedOptionsSetCacheIndexAndFilterBlocks(BlockBasedTableOptionsHandle tableOptions, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_pin_l0_filter_and_index_blocks_in_cache")]
    internal static partial void BlockBasedOptionsSetPinL0FilterAndIndexBlocksInCache(BlockBasedTableOptionsHandle tableOptions, byte value);

    /// <summary>The table options take ownership of the policy: it must not be destroyed separately.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_filter_policy")]
    internal static partial void BlockBasedOptionsSetFilterPolicy(BlockBasedTableOptionsHandle tableOptions, nint filterPolicy);

    [LibraryImport(Library, EntryPoint = "rocksdb_filterpolicy_create_bloom_full")]
    internal static partial nint FilterPolicyCreateBloomFull(double bitsPerKey);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_create_lru")]
    internal static partial CacheHandle CacheCreateLru(nuint capacity);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_destroy")]
    internal static partial void CacheDestroy(nint cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_get_usage")]
    internal static partial nuint CacheGetUsage(CacheHandle cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_get_capacity")]
    internal static partial nuint CacheGetCapacity(CacheHandle cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_create")]
    internal static partial ReadOptionsHandle ReadOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_destroy")]
    internal static partial void ReadOptionsDestroy(nint options);

    /// <summary>RocksDB keeps the pointer, not a copy: the bound's memory must outlive every iterator using it.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_set_iterate_upper_bound")]
    internal static unsafe partial void ReadOptionsSetIterateUpperBound(ReadOptionsHandle options, byte* key, nuint keyLength);

    /// <summary>RocksDB keeps the pointer, not a copy: the bound's memory must outlive every iterator using it.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_set_iterate_lower_bound")]
    internal static unsafe partial void ReadOptionsSetIterateLowerBound(ReadOptionsHandle options, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_create")]
    internal static partial WriteOptionsHandle WriteOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_destroy")]
    internal static partial void WriteOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_create")]
    internal static partial FlushOptionsHandle FlushOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_destroy")]
    internal static partial void FlushOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_flushoptions_set_wait")]
    internal static partial void FlushOptionsSetWait(FlushOptionsHandle options, byte wait);
}
