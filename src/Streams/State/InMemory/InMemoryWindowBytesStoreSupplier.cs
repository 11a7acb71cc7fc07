namespace RecoStreams.Streams.State.InMemory;

public sealed class InMemoryWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, long segmentIntervalMs)
    : WindowBytesStoreSupplier(name, retentionPeriodMs, windowSizeMs, segmentIntervalMs)
{
    public override IWindowBytesStore Get() => new InMemoryWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, SegmentIntervalMs);
}
