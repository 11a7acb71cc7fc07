using System.Buffers.Binary;

namespace RecoStreams.Avro.Container.Codecs;

/// <summary>
/// The raw Snappy block format: a varint of the uncompressed length, then literal and copy elements.
/// The decompressor checks every length and offset; the compressor is a greedy single-pass matcher.
/// </summary>
internal static class Snappy
{
    private const int MaxBlockSize = 1 << 16;
    private const int HashBits = 14;

    public static byte[] Decompress(ReadOnlySpan<byte> input, int maxLength)
    {
        var pos = 0;
        var length = ReadPreamble(input, ref pos);
        if (length > (ulong)maxLength)
        {
            throw new AvroContainerException($"snappy block declares {length} bytes, beyond the {maxLength}-byte block limit");
        }

        var output = new byte[length];
        var written = 0;
        while (pos < input.Length)
        {
            var tag = input[pos++];
            int copyLength, offset;
            switch (tag & 3)
            {
                case 0:
                    var literal = (tag >> 2) + 1;
                    if (literal > 60)
                    {
                        var extra = literal - 60;
                        Need(input, pos, extra);
                        literal = 0;
                        for (var i = 0; i < extra; i++)
                        {
                            literal |= input[pos + i] << (8 * i);
                        }

                        pos += extra;
                        literal = literal + 1 > 0 ? literal + 1 : throw Corrupt("literal length overflows");
                    }

                    Need(input, pos, literal);
                    if (literal > output.Length - written)
                    {
                        throw Corrupt("literal runs past the declared length");
                    }

                    input.Slice(pos, literal).CopyTo(output.AsSpan(written));
                    pos += literal;
                    written += literal;
                    continue;
                case 1:
                    Need(input, pos, 1);
                    copyLength = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[pos++];
                    break;
                case 2:
                    Need(input, pos, 2);
                    copyLength = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[pos..]);
                    pos += 2;
                    break;
                default:
                    Need(input, pos, 4);
                    copyLength = (tag >> 2) + 1;
                    var wide = BinaryPrimitives.ReadUInt32LittleEndian(input[pos..]);
                    offset = wide <= int.MaxValue ? (int)wide : throw Corrupt("copy offset too large");
                    pos += 4;
                    break;
            }

            if (offset == 0 || offset > written)
            {
                throw Corrupt($"copy offset {offset} outside the {written} bytes produced so far");
            }

            if (copyLength > output.Length - written)
            {
                throw Corrupt("copy runs past the declared length");
            }

            // Copies may overlap their own output (offset < length repeats a pattern), so go byte by byte.
            for (var i = 0; i < copyLength; i++, written++)
            {
                output[written] = output[written - offset];
            }
        }

        return written == output.Length ? output : throw Corrupt($"produced {written} bytes, expected {output.Length}");
    }

    public static byte[] Compress(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length / 2 + 16);
        WriteVarint(output, (uint)input.Length);
        var table = new int[1 << HashBits];
        for (var blockStart = 0; blockStart < input.Length; blockStart += MaxBlockSize)
        {
            // Offsets stay within one 64 KiB block, so every copy fits a 2-byte offset.
            CompressBlock(input.Slice(blockStart, Math.Min(MaxBlockSize, input.Length - blockStart)), output, table);
        }

        return [.. output];
    }

    private static void CompressBlock(ReadOnlySpan<byte> block, List<byte> output, int[] table)
    {
        Array.Fill(table, -1);
        var literalStart = 0;
        var pos = 0;
        while (pos + 4 <= block.Length)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(block[pos..]);
            var hash = (int)((word * 0x1E35A7BDu) >> (32 - HashBits));
            var candidate = table[hash];
            table[hash] = pos;
            if (candidate < 0 || BinaryPrimitives.ReadUInt32LittleEndian(block[candidate..]) != word)
            {
                pos++;
                continue;
            }

            var matchLength = 4;
            while (pos + matchLength < block.Length && block[candidate + matchLength] == block[pos + matchLength])
            {
                matchLength++;
            }

            EmitLiteral(output, block[literalStart..pos]);
            EmitCopy(output, pos - candidate, matchLength);
            pos += matchLength;
            literalStart = pos;
        }

        EmitLiteral(output, block[literalStart..]);
    }

    private static void EmitLiteral(List<byte> output, ReadOnlySpan<byte> literal)
    {
        if (literal.IsEmpty)
        {
            return;
        }

        var n = literal.Length - 1;
        if (n < 60)
        {
            output.Add((byte)(n << 2));
        }
        else
        {
            var extra = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            output.Add((byte)((59 + extra) << 2));
            for (var i = 0; i < extra; i++)
            {
                output.Add((byte)(n >> (8 * i)));
            }
        }

        foreach (var b in literal)
        {
            output.Add(b);
        }
    }

    private static void EmitCopy(List<byte> output, int offset, int length)
    {
        while (length > 0)
        {
            // 2-byte-offset copies carry 1..64 bytes each.
            var chunk = Math.Min(length, 64);
            output.Add((byte)(((chunk - 1) << 2) | 2));
            output.Add((byte)offset);
            output.Add((byte)(offset >> 8));
            length -= chunk;
        }
    }

    private static ulong ReadPreamble(ReadOnlySpan<byte> input, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            Need(input, pos, 1);
            var b = input[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= uint.MaxValue ? value : throw Corrupt("length preamble exceeds 32 bits");
            }
        }

        throw Corrupt("length preamble longer than 5 bytes");
    }

    private static void WriteVarint(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static void Need(ReadOnlySpan<byte> input, int pos, int count)
    {
        if (count > input.Length - pos)
        {
            throw Corrupt("input ends inside an element");
        }
    }

    private static AvroContainerException Corrupt(string why) => new($"corrupt snappy block: {why}");
}
