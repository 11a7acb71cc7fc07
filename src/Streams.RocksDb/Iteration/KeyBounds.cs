namespace RecoStreams.Streams.RocksDb.Iteration;

/// <summary>Exclusive upper bounds for RocksDB iterators, in unsigned byte order.</summary>
internal static class KeyBounds
{
    /// <summary>The smallest key greater than <paramref name="key"/>: the key followed by 0x00. Turns an inclusive bound exclusive.</summary>
    public static byte[] Successor(ReadOnlySpan<byte> key)
    {
        var successor = new byte[key.Length + 1];
        key.CopyTo(successor);
        return successor;
    }

    /// <summary>
    /// The smallest key greater than every key starting with <paramref name="prefix"/>: drop trailing 0xFF
    /// bytes and increment the last remaining one. Null when no such key exists (empty or all-0xFF prefix).
    /// </summary>
    public static byte[]? PrefixUpperBound(ReadOnlySpan<byte> prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == 0xFF)
        {
            end--;
        }

        if (end == 0)
        {
            return null;
        }

        var bound = prefix[..end].ToArray();
        bound[end - 1]++;
        return bound;
    }
}
