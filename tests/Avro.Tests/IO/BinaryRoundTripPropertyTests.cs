using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.IO;
using Xunit;

namespace RecoStreams.Avro.Tests.IO;

public sealed class BinaryRoundTripPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static byte[] Encode(Action<AvroBinaryWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new AvroBinaryWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Long_round_trips_and_consumes_exactly_its_encoding()
    {
        var longs = Gen.OneOf(ArbMap.Default.GeneratorFor<long>(), Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 63L, 64L, -64L, -65L));
        Check.One(Config, Prop.ForAll(longs.ToArbitrary(), v =>
        {
            var bytes = Encode(w => w.WriteLong(v));
            var reader = new AvroBinaryReader(bytes);
            return reader.ReadLong() == v && reader.IsAtEnd && bytes.Length <= AvroBinaryWriter.MaxVarLongLength;
        }));
    }

    [Fact]
    public void Int_round_trips_in_at_most_five_bytes()
    {
        var ints = Gen.OneOf(ArbMap.Default.GeneratorFor<int>(), Gen.Elements(int.MinValue, int.MaxValue, 0, -1));
        Check.One(Config, Prop.ForAll(ints.ToArbitrary(), v =>
        {
            var bytes = Encode(w => w.WriteInt(v));
            var reader = new AvroBinaryReader(bytes);
            return reader.ReadInt() == v && reader.IsAtEnd && bytes.Length <= 5;
        }));
    }

    [Fact]
    public void Float_and_double_round_trip_bit_for_bit()
    {
        Check.One(Config, Prop.ForAll<int, long>((floatBits, doubleBits) =>
        {
            var f = BitConverter.Int32BitsToSingle(floatBits);
            var d = BitConverter.Int64BitsToDouble(doubleBits);
            var bytes = Encode(w =>
            {
                w.WriteFloat(f);
                w.WriteDouble(d);
            });
            var reader = new AvroBinaryReader(bytes);
            return BitConverter.SingleToInt32Bits(reader.ReadFloat()) == floatBits
                && BitConverter.DoubleToInt64Bits(reader.ReadDouble()) == doubleBits
                && reader.IsAtEnd;
        }));
    }

    [Fact]
    public void Bytes_string_fixed_and_boolean_round_trip()
    {
        Check.One(Config, Prop.ForAll<byte[], NonNull<string>, bool>((data, text, flag) =>
        {
            // Unpaired surrogates have no UTF-8 form; the writer rejects them (tested separately).
            var s = new string(text.Get.Where(c => !char.IsSurrogate(c)).ToArray());
            var bytes = Encode(w =>
            {
                w.WriteBytes(data);
                w.WriteString(s);
                w.WriteFixed(data);
                w.WriteBoolean(flag);
            });
            var reader = new AvroBinaryReader(bytes);
            return reader.ReadBytes().SequenceEqual(data)
                && reader.ReadString() == s
                && reader.ReadFixed(data.Length).SequenceEqual(data)
                && reader.ReadBoolean() == flag
                && reader.IsAtEnd;
        }));
    }

    [Fact]
    public void Block_headers_with_byte_sizes_round_trip()
    {
        Check.One(Config, Prop.ForAll<PositiveInt, byte>((count, size) =>
        {
            // A negative count announces a byte size; the size must fit in the remaining input.
            var bytes = Encode(w =>
            {
                w.WriteLong(-count.Get);
                w.WriteLong(size);
                w.WriteFixed(new byte[size]);
            });
            var reader = new AvroBinaryReader(bytes);
            return reader.ReadBlockHeader(out var byteSize) == count.Get && byteSize == size;
        }));
    }
}
