using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic.Decoding;

/// <summary>Decoders for primitive types and the spec's promotions (writer type → reader type).</summary>
internal static class PrimitiveDecoders
{
    public static ValueDecoder? For(AvroType writer, AvroType reader) => (writer, reader) switch
    {
        (AvroType.Null, AvroType.Null) => NullDecoder.Instance,
        (AvroType.Boolean, AvroType.Boolean) => BooleanDecoder.Instance,
        (AvroType.Int, AvroType.Int) => IntDecoder.Instance,
        (AvroType.Int, AvroType.Long) => IntAsLong.Instance,
        (AvroType.Int, AvroType.Float) => IntAsFloat.Instance,
        (AvroType.Int, AvroType.Double) => IntAsDouble.Instance,
        (AvroType.Long, AvroType.Long) => LongDecoder.Instance,
        (AvroType.Long, AvroType.Float) => LongAsFloat.Instance,
        (AvroType.Long, AvroType.Double) => LongAsDouble.Instance,
        (AvroType.Float, AvroType.Float) => FloatDecoder.Instance,
        (AvroType.Float, AvroType.Double) => FloatAsDouble.Instance,
        (AvroType.Double, AvroType.Double) => DoubleDecoder.Instance,
        (AvroType.Bytes, AvroType.Bytes) or (AvroType.String, AvroType.Bytes) => BytesDecoder.Instance,
        (AvroType.String, AvroType.String) => StringDecoder.Instance,
        (AvroType.Bytes, AvroType.String) => StringDecoder.Instance,
        _ => null,
    };

    private sealed class NullDecoder : ValueDecoder
    {
        public static readonly NullDecoder Instance = new();

        public override object? Read(ref AvroBinaryReader reader) => null;
    }

    private sealed class BooleanDecoder : ValueDecoder
    {
        public static readonly BooleanDecoder Instance = new();
        private static readonly object True = true, False = false;

        public override object Read(ref AvroBinaryReader reader) => reader.ReadBoolean() ? True : False;
    }

    private sealed class IntDecoder : ValueDecoder
    {
        public static readonly IntDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadInt();
    }

    private sealed class IntAsLong : ValueDecoder
    {
        public static readonly IntAsLong Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (long)reader.ReadInt();
    }

    private sealed class IntAsFloat : ValueDecoder
    {
        public static readonly IntAsFloat Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (float)reader.ReadInt();
    }

    private sealed class IntAsDouble : ValueDecoder
    {
        public static readonly IntAsDouble Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (double)reader.ReadInt();
    }

    private sealed class LongDecoder : ValueDecoder
    {
        public static readonly LongDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadLong();
    }

    private sealed class LongAsFloat : ValueDecoder
    {
        public static readonly LongAsFloat Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (float)reader.ReadLong();
    }

    private sealed class LongAsDouble : ValueDecoder
    {
        public static readonly LongAsDouble Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (double)reader.ReadLong();
    }

    private sealed class FloatDecoder : ValueDecoder
    {
        public static readonly FloatDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadFloat();
    }

    private sealed class FloatAsDouble : ValueDecoder
    {
        public static readonly FloatAsDouble Instance = new();

        public override object Read(ref AvroBinaryReader reader) => (double)reader.ReadFloat();
    }

    private sealed class DoubleDecoder : ValueDecoder
    {
        public static readonly DoubleDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadDouble();
    }

    /// <summary>Bytes, or a string read as its UTF-8 bytes (the string → bytes promotion).</summary>
    private sealed class BytesDecoder : ValueDecoder
    {
        public static readonly BytesDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadBytesArray();

        public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();
    }

    /// <summary>A string, or bytes read as UTF-8 text (the bytes → string promotion; invalid UTF-8 is a decode error).</summary>
    private sealed class StringDecoder : ValueDecoder
    {
        public static readonly StringDecoder Instance = new();

        public override object Read(ref AvroBinaryReader reader) => reader.ReadString();

        public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();
    }
}
