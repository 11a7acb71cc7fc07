using System.Buffers.Binary;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.RocksDb.Window;

/// <summary>
/// Stored key of a window: [key bytes][window start, 8 bytes big-endian], the same layout as the window
/// changelog key (<see cref="WindowKeySchema"/>), so restore writes changelog keys as they come. Within one
/// segment every start has the same sign, so big-endian order is time order for one key.
/// </summary>
internal static class WindowKeyLayout
{
    public const int TimestampSize = sizeof(long);

    public static byte[] Encode(ReadOnlySpan<byte> key, long windowStartMs) => WindowKeySchema.ToChangelogKey(key, windowStartMs);

    public static long WindowStart(ReadOnlySpan<byte> storedKey) => BinaryPrimitives.ReadInt64BigEndian(storedKey[^TimestampSize..]);

    public static ReadOnlySpan<byte> Key(ReadOnlySpan<byte> storedKey) => storedKey[..^TimestampSize];

    /// <summary>
    /// True when <paramref name="storedKey"/> is a window of exactly <paramref name="key"/>: a longer key that
    /// shares the prefix can sort inside the same byte range and must be skipped.
    /// </summary>
    public static bool IsWindowOf(ReadOnlySpan<byte> storedKey, ReadOnlySpan<byte> key) =>
        storedKey.Length == key.Length + TimestampSize && storedKey.StartsWith(key);
}
