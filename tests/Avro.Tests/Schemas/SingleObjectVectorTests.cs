using System.Buffers.Binary;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Schemas;

/// <summary>The Java-written single-object vector checks the Rabin fingerprint and the record body against a real producer.</summary>
public sealed class SingleObjectVectorTests
{
    [Fact]
    public void Java_single_object_message_carries_our_rabin_fingerprint_and_a_decodable_body()
    {
        var schema = AvroSchema.Parse(File.ReadAllText(InteropData.PathOf("data/messageV1/test_schema.avsc")));
        var message = File.ReadAllBytes(InteropData.PathOf("data/messageV1/test_message.bin"));

        Assert.Equal(new byte[] { 0xC3, 0x01 }, message[..2]);
        Assert.Equal(SchemaFingerprint.Rabin(schema), BinaryPrimitives.ReadInt64LittleEndian(message.AsSpan(2, 8)));
        var record = (GenericRecord)new GenericDatumReader(schema).Read(message.AsSpan(10))!;
        Assert.Equal(42L, record["id"]);
        Assert.Equal("Bill", record["name"]);
        Assert.Equal(new List<object?> { "dog_lover", "cat_hater" }, record["tags"]);
    }
}
