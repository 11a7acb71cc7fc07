using System.Buffers.Binary;
using System.Text;

namespace RecoStreams.Avro.IO;

/// <summary>
/// Reads the Avro binary encoding from a span. Every read is bounds-checked: malformed or truncated
/// input raises <see cref="AvroDecodeException"/>, and length prefixes are checked against the
/// remaining input before anything is allocated, so a hostile length cannot cause a huge allocation.
/// </summary>
public ref struct AvroBinaryReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _input;
    private int _position;
    private long _zeroByteItems;

    /// <summary>Creates a reader positioned at the start of <paramref name="input"/>.</summary>
    public AvroBinaryReader(ReadOnlySpan<byte> input)
    {
        _input = input;
        _position = 0;
        _zeroByteItems = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _input.Length - _position;

    /// <summary>True when all input has been consumed.</summary>
    public readonly bool IsAtEnd => _position == _input.Length;

    /// <summary>Reads a boolean; only the bytes 0 and 1 are valid.</summary>
    public bool ReadBoolean()
    {
        var b = ReadByte("boolean");
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new AvroDecodeException($"invalid boolean byte 0x{b:x2} at offset {_position - 1} (must be 0 or 1)"),
        };
    }

    /// <summary>Reads a zig-zag varint int; encodings longer than 5 bytes or beyond 32 bits are rejected.</summary>
    public int ReadInt()
    {
        var start = _position;
        uint n = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte("int");
            if (shift == 28 && b > 0x0F)
            {
                throw new AvroDecodeException($"invalid int varint at offset {start}: value exceeds 32 bits or encoding exceeds 5 bytes");
            }

            n |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)(n >> 1) ^ -(int)(n & 1);
            }
        }

        throw new AvroDecodeException($"invalid int varint at offset {start}: encoding exceeds 5 bytes");
    }

    /// <summary>Reads a zig-zag varint long; encodings longer than 10 bytes or beyond 64 bits are rejected.</summary>
    public long ReadLong()
    {
        var start = _position;
        ulong n = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte("long");
            if (shift == 63 && b > 0x01)
            {
                throw new AvroDecodeException($"invalid long varint at offset {start}: value exceeds 64 bits or encoding exceeds 10 bytes");
            }

            n |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(n >> 1) ^ -(long)(n & 1);
            }
        }

        throw new AvroDecodeException($"invalid long varint at offset {start}: encoding exceeds 10 bytes");
    }

    /// <summary>Reads a 4-byte little-endian IEEE 754 float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "float"));

    /// <summary>Reads an 8-byte little-endian IEEE 754 double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "double"));

    /// <summary>Reads length-prefixed bytes as a view into the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytes() => Take(ReadLength("bytes"), "bytes");

    /// <summary>Reads length-prefixed bytes into a new array.</summary>
    public byte[] ReadBytesArray() => ReadBytes().ToArray();

    /// <summary>Reads a length-prefixed UTF-8 string; invalid UTF-8 is rejected rather than silently replaced.</summary>
    public string ReadString()
    {
        var utf8 = Take(ReadLength("string"), "string");
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroDecodeException($"string at offset {_position - utf8.Length} is not valid UTF-8", e);
        }
    }

    /// <summary>Reads a length-prefixed string as a view of its raw UTF-8 bytes (no decoding, no copy).</summary>
    public ReadOnlySpan<byte> ReadUtf8String() => Take(ReadLength("string"), "string");

    /// <summary>Reads exactly <paramref name="size"/> bytes: the encoding of an Avro <c>fixed</c>.</summary>
    public ReadOnlySpan<byte> ReadFixed(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Take(size, "fixed");
    }

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    public int ReadUnionIndex(int branchCount)
    {
        var start = _position;
        var index = ReadLong();
        if (index < 0 || index >= branchCount)
        {
            throw new AvroDecodeException($"invalid union branch index {index} at offset {start} (union has {branchCount} branches)");
        }

        return (int)index;
    }

    /// <summary>Reads an enum ordinal and checks it against the number of symbols.</summary>
    public int ReadEnum(int symbolCount)
    {
        var start = _position;
        var ordinal = ReadInt();
        if (ordinal < 0 || ordinal >= symbolCount)
        {
            throw new AvroDecodeException($"invalid enum ordinal {ordinal} at offset {start} (enum has {symbolCount} symbols)");
        }

        return ordinal;
    }

    /// <summary>
    /// Reads an array or map block header. Returns the item count (0 ends the array or map).
    /// A negative count on the wire means the block also carries its byte size, returned in
    /// <paramref name="byteSize"/> (otherwise -1) so callers can skip the block without decoding it.
    /// </summary>
    public long ReadBlockHeader(out long byteSize)
    {
        var start = _position;
        var count = ReadLong();
        byteSize = -1;
        if (count >= 0)
        {
            return count;
        }

        if (count == long.MinValue)
        {
            throw new AvroDecodeException($"invalid block count {count} at offset {start}");
        }

        byteSize = ReadLong();
        if (byteSize < 0 || byteSize > Remaining)
        {
            throw new AvroDecodeException($"invalid block byte size {byteSize} at offset {start} ({Remaining} bytes remain)");
        }

        return -count;
    }

    /// <summary>
    /// Counts collection items that take no input bytes (e.g. the nulls of an array of nulls) over everything
    /// read with this reader, failing beyond <paramref name="limit"/>. Their number cannot be checked against the
    /// remaining input, so one datum gets one budget however its collections nest: a per-collection cap alone let
    /// 600 bytes of nested arrays claim 600 × the cap.
    /// </summary>
    public void CountZeroByteItems(long count, long limit, string kind)
    {
        if (count > limit - _zeroByteItems)
        {
            throw new AvroDecodeException($"{kind} items that take no bytes exceed the limit of {limit} per datum (AvroReaderOptions.MaxZeroByteItems)");
        }

        _zeroByteItems += count;
    }

    /// <summary>Skips length-prefixed bytes or a string without decoding it.</summary>
    public void SkipBytes() => Skip(ReadLength("bytes"));

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Truncated(count, "skip");
        }

        _position += (int)count;
    }

    private byte ReadByte(string what)
    {
        if (_position >= _input.Length)
        {
            throw Truncated(1, what);
        }

        return _input[_position++];
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _input.Length - _position)
        {
            throw Truncated(count, what);
        }

        var slice = _input.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Reads a length prefix and validates it against the remaining input before any allocation.</summary>
    private int ReadLength(string what)
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw new AvroDecodeException($"negative {what} length {length} at offset {start}");
        }

        if (length > Remaining)
        {
            throw new AvroDecodeException($"{what} length {length} at offset {start} exceeds the {Remaining} remaining bytes (truncated or corrupt input)");
        }

        return (int)length;
    }

    private readonly AvroDecodeException Truncated(long needed, string what) =>
        new($"unexpected end of input reading {what} at offset {_position}: needed {needed} bytes, {Remaining} remain");
}
