namespace RecoStreams.Streams.State;

/// <summary>Makes a fresh byte-level key-value store for each task (RocksDB or in-memory).</summary>
public interface IKeyValueBytesStoreSupplier
{
    string Name { get; }

    IKeyValueBytesStore Get();
}

/// <summary>Makes a fresh byte-level window store for each task.</summary>
public interface IWindowBytesStoreSupplier
{
    string Name { get; }

    long WindowSizeMs { get; }

    /// <summary>How long windows are kept after their start, measured in stream time.</summary>
    long RetentionPeriodMs { get; }

    /// <summary>Width of one time segment; retention drops whole segments.</summary>
    long SegmentIntervalMs { get; }

    IWindowBytesStore Get();
}
