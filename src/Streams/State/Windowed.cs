namespace RecoStreams.Streams.State;

/// <summary>A key qualified by the time window it belongs to: [StartMs, EndMs).</summary>
public readonly record struct Windowed<TKey>(TKey Key, long StartMs, long EndMs);
