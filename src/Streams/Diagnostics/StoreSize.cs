namespace RecoStreams.Streams.Diagnostics;

/// <summary>One local store partition's size estimates.</summary>
public readonly record struct StoreSize(string Store, long Entries, long Bytes);
