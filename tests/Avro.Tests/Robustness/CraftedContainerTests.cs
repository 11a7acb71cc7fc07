using System.Text;
using RecoStreams.Avro.Container;
using RecoStreams.Avro.Generic;
using Xunit;

namespace RecoStreams.Avro.Tests.Robustness;

/// <summary>
/// Container files crafted so that a few hundred bytes claim unbounded work or memory: the reader must stop
/// with a decode error bounded by the input's size.
/// </summary>
public sealed class CraftedContainerTests
{
    private static readonly byte[] Sync = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Fact]
    public void A_613_byte_file_of_nested_arrays_of_nulls_cannot_claim_more_nulls_than_one_datum_may_hold()
    {
        // One record: 100 inner arrays, each claiming the per-collection maximum of nulls (2^20): 100 × 2^20
        // list entries (~800 MiB) from 613 bytes unless the whole datum shares one budget.
        var file = CraftedFile("""{"type":"array","items":{"type":"array","items":"null"}}""", records: 1, OuterArray(100, AvroReaderOptions.Default.MaxZeroByteItems));
        Assert.Equal(613, file.Length);

        using var reader = new AvroContainerReader(new MemoryStream(file));

        var e = Assert.Throws<AvroDecodeException>(() => reader.TryRead(out _));
        Assert.Contains("MaxZeroByteItems", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_zero_byte_budget_is_shared_by_every_collection_of_one_datum()
    {
        var file = CraftedFile("""{"type":"array","items":{"type":"array","items":"null"}}""", records: 1, OuterArray(3, 40));
        var options = new AvroContainerReaderOptions { Datum = new AvroReaderOptions { MaxZeroByteItems = 100 } };

        using var reader = new AvroContainerReader(new MemoryStream(file), options: options);

        Assert.Throws<AvroDecodeException>(() => reader.TryRead(out _));
        using var within = new AvroContainerReader(new MemoryStream(file), options: options with { Datum = new AvroReaderOptions { MaxZeroByteItems = 120 } });
        Assert.True(within.TryRead(out var record));
        Assert.Equal([40, 40, 40], ((List<object?>)record!).Select(inner => ((List<object?>)inner!).Count));
    }

    [Fact]
    public void A_68_byte_file_of_null_records_claiming_2_to_the_62_records_is_refused_instead_of_read_forever()
    {
        var file = CraftedFile("\"null\"", records: 1L << 62, []);
        Assert.Equal(68, file.Length);

        using var reader = new AvroContainerReader(new MemoryStream(file));

        var e = Assert.Throws<AvroContainerException>(() => reader.ReadAll().Take(2_000_000).Count());
        Assert.Contains("MaxZeroByteItems", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_claiming_more_records_than_its_bytes_can_hold_is_refused()
    {
        var file = CraftedFile("\"long\"", records: 1000, [0x02, 0x04]);

        using var reader = new AvroContainerReader(new MemoryStream(file));

        var e = Assert.Throws<AvroContainerException>(() => reader.TryRead(out _));
        Assert.Contains("holds 2 bytes", e.Message, StringComparison.Ordinal);
    }

    private static byte[] OuterArray(int innerArrays, long nullsEach) =>
        [.. Long(innerArrays), .. Enumerable.Range(0, innerArrays).SelectMany(_ => (byte[])[.. Long(nullsEach), 0x00]), 0x00];

    private static byte[] CraftedFile(string schema, long records, byte[] data)
    {
        var key = "avro.schema"u8.ToArray();
        var value = Encoding.UTF8.GetBytes(schema);
        return
        [
            .. "Obj\u0001"u8, .. Long(1), .. Long(key.Length), .. key, .. Long(value.Length), .. value, 0x00, .. Sync,
            .. Long(records), .. Long(data.Length), .. data, .. Sync,
        ];
    }

    /// <summary>Avro's zig-zag varint of a long.</summary>
    private static byte[] Long(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var bytes = new List<byte>();
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }

        bytes.Add((byte)n);
        return [.. bytes];
    }
}
