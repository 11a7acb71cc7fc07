using System.Text.Json;
using RecoStreams.Avro.Container;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Container;

/// <summary>Reads the Java- and C-written container files from the shared Apache Avro interop data.</summary>
public sealed class InteropContainerFileTests
{
    private static List<object?> ReadAll(string relative, AvroSchema? readerSchema = null)
    {
        using var reader = new AvroContainerReader(File.OpenRead(InteropData.PathOf(relative)), readerSchema);
        return reader.ReadAll().ToList();
    }

    private static List<(string Station, long Time, int Temp)> ExpectedWeather() =>
        File.ReadAllLines(InteropData.PathOf("data/weather.json"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("station").GetString()!, e.GetProperty("time").GetInt64(), e.GetProperty("temp").GetInt32()))
            .ToList();

    [Theory]
    [InlineData("data/weather.avro")]
    [InlineData("data/weather-deflate.avro")]
    [InlineData("data/weather-snappy.avro")]
    [InlineData("data/weather-zstd.avro")]
    public void Weather_files_hold_the_records_of_weather_json(string file)
    {
        var records = ReadAll(file).Cast<GenericRecord>().Select(r => ((string)r["station"]!, (long)r["time"]!, (int)r["temp"]!)).ToList();
        Assert.Equal(ExpectedWeather(), records);
    }

    [Fact]
    public void Sorted_weather_file_holds_the_same_set_in_time_order()
    {
        var records = ReadAll("data/weather-sorted.avro").Cast<GenericRecord>().Select(r => ((string)r["station"]!, (long)r["time"]!, (int)r["temp"]!)).ToList();
        Assert.Equal(ExpectedWeather().OrderBy(r => r.Time), records);
    }

    [Fact]
    public void Zstandard_file_names_its_codec()
    {
        using var reader = new AvroContainerReader(File.OpenRead(InteropData.PathOf("data/weather-zstd.avro")));
        Assert.Equal("zstandard", reader.CodecName);
    }

    [Fact]
    public void Weather_reads_with_an_evolved_reader_schema()
    {
        var reader = AvroSchema.Parse("""
            {"type":"record","name":"Weather","namespace":"test","fields":[
              {"name":"station","type":"string"},{"name":"temp","type":"double"},
              {"name":"source","type":"string","default":"noaa"}]}
            """);
        var records = ReadAll("data/weather.avro", reader).Cast<GenericRecord>().ToList();
        Assert.Equal(ExpectedWeather().Select(w => (double)w.Temp), records.Select(r => (double)r["temp"]!));
        Assert.All(records, r => Assert.Equal("noaa", r["source"]));
    }

    [Fact]
    public void Weather_avsc_with_order_and_doc_matches_the_embedded_schema_canonically()
    {
        using var reader = new AvroContainerReader(File.OpenRead(InteropData.PathOf("data/weather.avro")));
        Assert.Equal(AvroSchema.Parse(File.ReadAllText(InteropData.PathOf("schemas/weather.avsc"))).ToCanonicalForm(), reader.WriterSchema.ToCanonicalForm());
    }

    [Fact]
    public void Sync_marker_in_metadata_does_not_confuse_the_reader_across_twelve_blocks()
    {
        var records = ReadAll("data/syncInMeta.avro");
        Assert.Equal(6001, records.Count);
        Assert.All(records, r => Assert.IsType<long>(((GenericRecord)r!)["ID"]));
    }

    [Fact]
    public void Files_without_a_codec_key_are_read_as_null_codec()
    {
        var simple = ReadAll("data/schemas/simple/data.avro").Cast<GenericRecord>().Select(r => r["text"]).ToList();
        Assert.Equal(["hello", "bonjour", "guten tag"], simple);
        var withUnion = ReadAll("data/schemas/withUnion/data.avro").Cast<GenericRecord>().ToList();
        Assert.Equal(3, withUnion.Count);
        Assert.All(withUnion, r => Assert.True(r["data1"] is string or int));
    }

    [Fact]
    public void Legacy_1_2_format_is_rejected_as_such()
    {
        var e = Assert.Throws<AvroContainerException>(() => ReadAll("data/test.avro12"));
        Assert.Contains("legacy 1.2 format", e.Message);
    }

    [Theory]
    [InlineData("negative/avro-1237-good.avro")]
    [InlineData("negative/avro-1238-good.avro")]
    public void Good_twins_read_null_then_100_then_end_cleanly(string file) =>
        Assert.Equal([null, 100], ReadAll(file));

    [Fact]
    public void Invalid_union_discriminant_fails_on_the_second_record()
    {
        using var reader = new AvroContainerReader(File.OpenRead(InteropData.PathOf("negative/avro-1237-bad-union-discriminant.avro")));
        Assert.True(reader.TryRead(out var first));
        Assert.Null(first);
        var e = Assert.Throws<AvroDecodeException>(() => reader.TryRead(out _));
        Assert.Contains("invalid union branch index 2", e.Message);
        Assert.Contains("(union has 2 branches)", e.Message);
    }

    [Fact]
    public void File_cut_inside_the_final_sync_marker_returns_its_records_then_fails()
    {
        using var reader = new AvroContainerReader(File.OpenRead(InteropData.PathOf("negative/avro-1238-truncated.avro")));
        Assert.True(reader.TryRead(out var first));
        Assert.True(reader.TryRead(out var second));
        Assert.Equal([null, 100], new[] { first, second });
        var e = Assert.Throws<AvroContainerException>(() => reader.TryRead(out _));
        Assert.Contains("unexpected end of file reading block sync marker", e.Message);
    }

    [Theory]
    [InlineData("negative/avro-1279-codec.avro")]
    [InlineData("negative/avro-1279-no-codec.avro")]
    public void Extreme_primitive_values_decode_exactly(string file)
    {
        var records = ReadAll(file).Cast<GenericRecord>().ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal((true, 0, 0L, 0f, 0d, "DEFAULT VALUES"), Row(records[0]));
        Assert.Equal((false, int.MinValue, long.MinValue, float.Epsilon, double.Epsilon, "MIN VALUES"), Row(records[1]));
        Assert.Equal((false, int.MaxValue, long.MaxValue, float.MaxValue, double.MaxValue, "MAX VALUES"), Row(records[2]));

        static (bool, int, long, float, double, string) Row(GenericRecord r)
        {
            Assert.Equal(r["stringField"], System.Text.Encoding.UTF8.GetString((byte[])r["bytesField"]!));
            return ((bool)r["booleanField"]!, (int)r["intField"]!, (long)r["longField"]!, (float)r["floatField"]!, (double)r["doubleField"]!, (string)r["stringField"]!);
        }
    }
}
