using System.Buffers;
using RecoStreams.Avro.IO;
using Xunit;

namespace RecoStreams.Avro.Tests.IO;

public sealed class BinaryEncodingTests
{
    private static byte[] Encode(Action<AvroBinaryWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new AvroBinaryWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(-1L, new byte[] { 0x01 })]
    [InlineData(1L, new byte[] { 0x02 })]
    [InlineData(-2L, new byte[] { 0x03 })]
    [InlineData(2L, new byte[] { 0x04 })]
    [InlineData(-64L, new byte[] { 0x7f })]
    [InlineData(64L, new byte[] { 0x80, 0x01 })]
    [InlineData(long.MaxValue, new byte[] { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    [InlineData(long.MinValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    public void Long_uses_the_spec_zigzag_varint_bytes(long value, byte[] expected) =>
        Assert.Equal(expected, Encode(w => w.WriteLong(value)));

    [Fact]
    public void String_is_length_prefixed_utf8_as_in_the_spec_example() =>
        Assert.Equal(new byte[] { 0x06, 0x66, 0x6f, 0x6f }, Encode(w => w.WriteString("foo")));

    [Fact]
    public void Length_prefix_of_two_to_the_31_throws_before_allocating()
    {
        var bytes = Encode(w => w.WriteLong(1L << 31));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadBytesArray());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("exceeds", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Negative_length_prefix_is_rejected()
    {
        var bytes = Encode(w => w.WriteLong(-3));
        var e = Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadString());
        Assert.Contains("negative string length -3", e.Message);
    }

    [Fact]
    public void Varint_longer_than_ten_bytes_is_rejected()
    {
        var bytes = Enumerable.Repeat((byte)0x80, 11).Append((byte)0x00).ToArray();
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadLong());
    }

    [Fact]
    public void Ten_byte_varint_with_bits_beyond_64_is_rejected()
    {
        var bytes = Enumerable.Repeat((byte)0xff, 9).Append((byte)0x02).ToArray();
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadLong());
    }

    [Fact]
    public void Int_varint_beyond_32_bits_is_rejected()
    {
        var bytes = new byte[] { 0xff, 0xff, 0xff, 0xff, 0x1f };
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadInt());
    }

    [Fact]
    public void Truncated_inputs_raise_decode_errors_for_every_primitive()
    {
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([]).ReadBoolean());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([0x80]).ReadLong());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([0x80]).ReadInt());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([1, 2, 3]).ReadFloat());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([1, 2, 3, 4, 5, 6, 7]).ReadDouble());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([0x06, 0x66]).ReadString());
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([1, 2]).ReadFixed(3));
    }

    [Fact]
    public void Boolean_bytes_other_than_zero_and_one_are_rejected() =>
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([0x02]).ReadBoolean());

    [Fact]
    public void Invalid_utf8_string_is_rejected() =>
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader([0x02, 0xff]).ReadString());

    [Fact]
    public void Unpaired_surrogate_cannot_be_written_as_a_string() =>
        Assert.Throws<AvroEncodeException>(() => Encode(w => w.WriteString("a\ud800b")));

    [Theory]
    [InlineData(-1L)]
    [InlineData(2L)]
    public void Union_index_outside_the_branches_is_rejected(long index)
    {
        var bytes = Encode(w => w.WriteLong(index));
        var e = Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadUnionIndex(2));
        Assert.Contains($"invalid union branch index {index}", e.Message);
    }

    [Fact]
    public void Block_byte_size_larger_than_the_input_is_rejected()
    {
        var bytes = Encode(w =>
        {
            w.WriteLong(-2);
            w.WriteLong(1000);
        });
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadBlockHeader(out _));
    }

    [Fact]
    public void Block_count_of_long_min_value_is_rejected()
    {
        var bytes = Encode(w => w.WriteLong(long.MinValue));
        Assert.Throws<AvroDecodeException>(() => new AvroBinaryReader(bytes).ReadBlockHeader(out _));
    }
}
