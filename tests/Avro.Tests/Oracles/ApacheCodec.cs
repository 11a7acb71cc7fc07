using Avro.Generic;
using Avro.IO;

namespace RecoStreams.Avro.Tests.Oracles;

/// <summary>Apache.Avro's generic writer and reader over byte arrays.</summary>
internal static class ApacheCodec
{
    public static byte[] Encode(global::Avro.Schema schema, object? datum)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<object?>(schema).Write(datum, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    public static object? Decode(global::Avro.Schema schema, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var datum = new GenericDatumReader<object?>(schema, schema).Read(null, new BinaryDecoder(stream));
        return stream.Position == bytes.Length ? datum
            : throw new InvalidOperationException($"Apache.Avro read {stream.Position} of {bytes.Length} bytes");
    }
}
