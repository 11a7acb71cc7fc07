using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RecoStreams.Avro.IO;

/// <summary>
/// Writes the Avro binary encoding of primitive values into an <see cref="IBufferWriter{T}"/>.
/// Complex types are built from these calls: arrays and maps via <see cref="WriteBlockCount"/>,
/// unions via <see cref="WriteUnionIndex"/>, records by writing their fields in order.
/// </summary>
public sealed class AvroBinaryWriter
{
    /// <summary>A zig-zag varint of a 64-bit value never takes more than 10 bytes.</summary>
    public const int MaxVarLongLength = 10;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public AvroBinaryWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes a boolean as one byte, 0 or 1.</summary>
    public void WriteBoolean(bool value)
    {
        var span = _output.GetSpan(1);
        span[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    /// <summary>Writes an int as a zig-zag varint (1 to 5 bytes).</summary>
    public void WriteInt(int value) => WriteLong(value);

    /// <summary>Writes a long as a zig-zag varint (1 to 10 bytes).</summary>
    public void WriteLong(long value)
    {
        var span = _output.GetSpan(MaxVarLongLength);
        _output.Advance(EncodeVarLong(value, span));
    }

    /// <summary>Writes a float as 4 bytes, IEEE 754 little-endian.</summary>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes a double as 8 bytes, IEEE 754 little-endian.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes bytes as a long length followed by the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes a string as a long byte length followed by its UTF-8 bytes.</summary>
    /// <exception cref="AvroEncodeException">The string holds an unpaired surrogate, which has no UTF-8 form.</exception>
    public void WriteString(ReadOnlySpan<char> value)
    {
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new AvroEncodeException("string is not valid UTF-16 (unpaired surrogate); it cannot be encoded as UTF-8", e);
        }

        WriteLong(byteCount);
        if (byteCount == 0)
        {
            return;
        }

        var span = _output.GetSpan(byteCount);
        _output.Advance(StrictUtf8.GetBytes(value, span));
    }

    /// <summary>Writes a string that is already UTF-8 encoded, with its length prefix.</summary>
    public void WriteUtf8String(ReadOnlySpan<byte> utf8) => WriteBytes(utf8);

    /// <summary>Writes raw bytes with no length prefix: the encoding of an Avro <c>fixed</c>.</summary>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>Writes the zero-based index of the union branch that follows.</summary>
    public void WriteUnionIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        WriteLong(index);
    }

    /// <summary>Writes an enum symbol's zero-based position.</summary>
    public void WriteEnum(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        WriteInt(ordinal);
    }

    /// <summary>
    /// Writes an array or map block count. Call with the item count before each non-empty block,
    /// and with 0 once to end the array or map.
    /// </summary>
    public void WriteBlockCount(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteLong(count);
    }

    /// <summary>Encodes <paramref name="value"/> as a zig-zag varint into <paramref name="destination"/>, returning the byte count.</summary>
    public static int EncodeVarLong(long value, Span<byte> destination)
    {
        // Zig-zag maps small magnitudes of either sign to small unsigned numbers, so they stay short.
        var n = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (n >= 0x80)
        {
            destination[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        destination[i++] = (byte)n;
        return i;
    }
}
