namespace RecoStreams.Streams.State;

/// <summary>
/// The parameters every window store supplier shares, validated once: a window must fit in the
/// retention period, or its store would drop it before it closes.
/// </summary>
public abstract class WindowBytesStoreSupplier : IWindowBytesStoreSupplier
{
    protected WindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, long segmentIntervalMs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSizeMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentIntervalMs);
        if (retentionPeriodMs < windowSizeMs)
        {
            throw new ArgumentException(
                $"Store '{name}': retention ({retentionPeriodMs} ms) must be at least the window size ({windowSizeMs} ms).",
                nameof(retentionPeriodMs));
        }

        Name = name;
        RetentionPeriodMs = retentionPeriodMs;
        WindowSizeMs = windowSizeMs;
        SegmentIntervalMs = segmentIntervalMs;
    }

    public string Name { get; }

    public long WindowSizeMs { get; }

    public long RetentionPeriodMs { get; }

    public long SegmentIntervalMs { get; }

    public abstract IWindowBytesStore Get();
}
