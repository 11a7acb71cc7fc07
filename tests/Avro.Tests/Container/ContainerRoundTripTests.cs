using System.IO.Compression;
using RecoStreams.Avro.Container;
using RecoStreams.Avro.Container.Codecs;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Container;

public sealed class ContainerRoundTripTests
{
    private static readonly RecordSchema Schema = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"Event","namespace":"reco","fields":[
          {"name":"user","type":"string"},{"name":"n","type":"long"},{"name":"tags","type":{"type":"array","items":"string"}}]}
        """);

    private static List<GenericRecord> Records(int count) => Enumerable.Range(0, count)
        .Select(i => new GenericRecord(Schema) { ["user"] = $"user-{i % 17}", ["n"] = (long)i * 31, ["tags"] = new List<object?> { "a", $"t{i % 5}" } })
        .ToList();

    public static TheoryData<string> Codecs => ["null", "deflate", "snappy", "zstandard"];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Records_written_in_many_blocks_read_back_unchanged(string codecName)
    {
        var records = Records(5000);
        using var file = new MemoryStream();
        using (var writer = new AvroContainerWriter(file, Schema, AvroCodecs.ForName(codecName), new Dictionary<string, byte[]> { ["app"] = "reco"u8.ToArray() }, leaveOpen: true) { SyncInterval = 4096 })
        {
            records.ForEach(writer.Append);
        }

        file.Position = 0;
        using var reader = new AvroContainerReader(file);
        Assert.Equal(codecName, reader.CodecName);
        Assert.Equal("reco"u8.ToArray(), reader.Metadata["app"]);
        Assert.Equal(records, reader.ReadAll().Cast<GenericRecord>());
    }

    [Fact]
    public void Snappy_compresses_repetitive_blocks()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("recommendation-updated ", 2000)));
        var compressed = SnappyCodec.Instance.Compress(data);
        Assert.True(compressed.Length < data.Length / 10, $"{compressed.Length} bytes");
        Assert.Equal(data, SnappyCodec.Instance.Decompress(compressed, data.Length));
    }

    [Fact]
    public void Snappy_block_with_a_wrong_crc_is_rejected()
    {
        var compressed = SnappyCodec.Instance.Compress("hello hello hello"u8);
        compressed[^1] ^= 1;
        var e = Assert.Throws<AvroContainerException>(() => SnappyCodec.Instance.Decompress(compressed, 1000));
        Assert.Contains("CRC mismatch", e.Message);
    }

    [Fact]
    public void Decompression_beyond_the_block_limit_is_refused()
    {
        var zeros = new byte[1 << 20];
        Assert.Throws<AvroContainerException>(() => SnappyCodec.Instance.Decompress(SnappyCodec.Instance.Compress(zeros), 1000));
        Assert.Throws<AvroContainerException>(() => new DeflateCodec(CompressionLevel.Fastest).Decompress(DeflateCodec.Instance.Compress(zeros), 1000));
        Assert.Throws<AvroContainerException>(() => ZstandardCodec.Instance.Decompress(ZstandardCodec.Instance.Compress(zeros), 1000));
    }

    [Fact]
    public void Snappy_block_claiming_more_than_the_limit_is_refused_before_allocating()
    {
        // A varint length of 2^31 - 1 with no data behind it: five bytes claiming 2 GiB.
        byte[] claim = [0xff, 0xff, 0xff, 0xff, 0x07, 0, 0, 0, 0];
        var e = Assert.Throws<AvroContainerException>(() => SnappyCodec.Instance.Decompress(claim, 1000));
        Assert.Contains("beyond the 1000-byte block limit", e.Message);
    }

    [Fact]
    public void Corrupt_zstandard_block_is_rejected_with_a_container_error()
    {
        var compressed = ZstandardCodec.Instance.Compress(Enumerable.Range(0, 5000).Select(i => (byte)(i % 7)).ToArray());
        Assert.Throws<AvroContainerException>(() => ZstandardCodec.Instance.Decompress(compressed.AsSpan(0, compressed.Length / 2), 100_000));
    }

    [Fact]
    public void Codec_without_an_implementation_is_refused_by_name()
    {
        var e = Assert.Throws<AvroContainerException>(() => AvroCodecs.ForName("bzip2"));
        Assert.Contains("unsupported codec 'bzip2'", e.Message);
    }

    [Fact]
    public void Corrupted_sync_marker_is_detected()
    {
        using var file = new MemoryStream();
        using (var writer = new AvroContainerWriter(file, Schema, leaveOpen: true))
        {
            Records(3).ForEach(writer.Append);
        }

        var bytes = file.ToArray();
        bytes[^3] ^= 0xFF;
        using var reader = new AvroContainerReader(new MemoryStream(bytes));
        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().ToList());
        Assert.Contains("sync marker mismatch", e.Message);
    }

    [Fact]
    public void Record_that_does_not_fit_is_rejected_without_corrupting_the_block()
    {
        using var file = new MemoryStream();
        using (var writer = new AvroContainerWriter(file, Schema, leaveOpen: true))
        {
            writer.Append(Records(1)[0]);
            Assert.Throws<AvroEncodeException>(() => writer.Append(new GenericRecord(Schema) { ["user"] = "x", ["n"] = "not a long" }));
            writer.Append(Records(2)[1]);
        }

        file.Position = 0;
        using var reader = new AvroContainerReader(file);
        Assert.Equal(Records(2), reader.ReadAll().Cast<GenericRecord>());
    }

    [Fact]
    public void Reserved_metadata_keys_are_refused() =>
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), Schema, metadata: new Dictionary<string, byte[]> { ["avro.codec"] = [] }));
}
