using System.Buffers.Binary;

namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Layout of a window store's changelog key: the record key followed by the window start as a
/// big-endian 64-bit integer. Window byte stores decode it in their restore callbacks.
/// </summary>
public static class WindowKeySchema
{
    private const int TimestampSize = sizeof(long);

    public static byte[] ToChangelogKey(ReadOnlySpan<byte> key, long windowStartMs)
    {
        var bytes = new byte[key.Length + TimestampSize];
        key.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowStartMs);
        return bytes;
    }

    public static (Bytes Key, long WindowStartMs) FromChangelogKey(ReadOnlySpan<byte> changelogKey)
    {
        if (changelogKey.Length < TimestampSize)
        {
            throw new Serialization.SerializationException(
                $"A window changelog key needs at least {TimestampSize} bytes, got {changelogKey.Length}.");
        }

        var keyLength = changelogKey.Length - TimestampSize;
        return (Bytes.Wrap(changelogKey[..keyLength].ToArray()), BinaryPrimitives.ReadInt64BigEndian(changelogKey[keyLength..]));
    }
}
