namespace RecoStreams.Avro.Container;

/// <summary>
/// Reads the varints and byte runs of a container file's header and block framing straight from a
/// stream, telling a clean end of file (between blocks) from a truncation (inside anything).
/// </summary>
internal sealed class ContainerStreamReader(Stream stream, int maxBytes)
{
    private long _position;

    public long Position => _position;

    /// <summary>Reads one byte, or returns -1 at end of stream.</summary>
    public int TryReadByte()
    {
        var b = stream.ReadByte();
        if (b >= 0)
        {
            _position++;
        }

        return b;
    }

    public long ReadLong(string what)
    {
        var first = TryReadByte();
        return first < 0 ? throw Truncated(what) : ReadLongAfter(first, what);
    }

    /// <summary>Finishes a zig-zag varint whose first byte was already read.</summary>
    public long ReadLongAfter(int first, string what)
    {
        var start = _position - 1;
        ulong n = (ulong)(first & 0x7F);
        var b = first;
        for (var shift = 7; b >= 0x80; shift += 7)
        {
            if (shift > 63)
            {
                throw new AvroContainerException($"invalid varint in {what} at offset {start}: longer than 10 bytes");
            }

            b = TryReadByte();
            if (b < 0)
            {
                throw Truncated(what);
            }

            if (shift == 63 && b > 1)
            {
                throw new AvroContainerException($"invalid varint in {what} at offset {start}: exceeds 64 bits");
            }

            n |= (ulong)(b & 0x7F) << shift;
        }

        return (long)(n >> 1) ^ -(long)(n & 1);
    }

    /// <summary>Reads a length-checked run of bytes; the length is validated before allocating.</summary>
    public byte[] ReadBytes(long length, string what)
    {
        if (length < 0)
        {
            throw new AvroContainerException($"negative {what} length {length} at offset {_position}");
        }

        if (length > maxBytes)
        {
            throw new AvroContainerException($"{what} length {length} at offset {_position} exceeds the limit of {maxBytes} bytes");
        }

        if (stream.CanSeek && length > stream.Length - stream.Position)
        {
            throw Truncated(what);
        }

        var buffer = new byte[length];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        _position += read;
        return read == buffer.Length ? buffer : throw Truncated(what);
    }

    public AvroContainerException Truncated(string what) =>
        new($"unexpected end of file reading {what} at offset {_position} (truncated or corrupt file)");
}
