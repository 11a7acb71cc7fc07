namespace RecoStreams.Streams.State.InMemory;

public sealed class InMemoryWindowBytesStoreSupplier : IWindowBytesStoreSupplier
{
    public InMemoryWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, long segmentIntervalMs)
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

    public IWindowBytesStore Get() => new InMemoryWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, SegmentIntervalMs);
}
