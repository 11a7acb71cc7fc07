using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;

namespace RecoStreams.Bench;

/// <summary>
/// Encode and decode of one EngagementEvent, in one run: the generated typed codec, the generic
/// datum writer/reader over the same schema (the baseline), and the Confluent wire format (typed codec
/// plus the 5-byte header, schema id cached). Then the generated codecs against the hand-written ones
/// they replaced (bench/Baselines), for EngagementEvent and RecommendationUpdated, interleaved in
/// --slices alternating slices so load changes hit both alike.
/// Reports records/s and bytes allocated per record.
/// Usage: avro [--records N] [--slices S] [--json FILE]
/// </summary>
internal sealed class AvroCodecBenchmark : IBenchmarkCommand
{
    public string Name => "avro";

    public async Task<int> RunAsync(string[] args)
    {
        var records = int.Parse(RocksDbBenchSupport.OptionValue(args, "--records", "1000000"), CultureInfo.InvariantCulture);
        var slices = int.Parse(RocksDbBenchSupport.OptionValue(args, "--slices", "20"), CultureInfo.InvariantCulture);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        var contract = EngagementEventContract.Instance;
        var value = SampleEvent();
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        var serializer = new ConfluentAvroSerializer<EngagementEvent>(contract, registry);
        var deserializer = new ConfluentAvroDeserializer<EngagementEvent>(contract, registry);
        await serializer.PrepareAsync("engagement-events", isKey: false);

        var buffer = new ArrayBufferWriter<byte>(256);
        var generic = new GenericDatumWriter(contract.Schema);
        var genericReader = new GenericDatumReader(contract.Schema);
        var genericValue = contract.ToGeneric(value);
        var encoded = Encode(contract, value, buffer).ToArray();
        var framed = serializer.Serialize(value, "engagement-events", isKey: false);
        _ = deserializer.Deserialize(framed);

        var results = new List<Result>
        {
            Measure("typed", "encode", records, () => Encode(contract, value, buffer).Length),
            Measure("typed", "decode", records, () => Decode(contract, encoded).ItemId.Length),
            Measure("generic", "encode", records, () => EncodeGeneric(generic, genericValue, buffer)),
            Measure("generic", "decode", records, () => genericReader.Read(encoded) is null ? 0 : 1),
            Measure("confluent", "serialize", records, () => serializer.Serialize(value, "engagement-events", isKey: false).Length),
            Measure("confluent", "deserialize", records, () => deserializer.Deserialize(framed).ItemId.Length),
        };

        Console.WriteLine($"avro: EngagementEvent ({encoded.Length} bytes encoded), {records:N0} records per case, load average {RocksDbBenchSupport.LoadAverage()} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"codec",-10} {"op",-12} {"records/s",12} {"B alloc/rec",12} {"vs generic",10}");
        foreach (var r in results)
        {
            var baseline = results.First(b => b.Codec == "generic" && b.Operation == (r.Operation is "serialize" ? "encode" : r.Operation is "deserialize" ? "decode" : r.Operation));
            Console.WriteLine($"{r.Codec,-10} {r.Operation,-12} {r.RecordsPerSecond,12:N0} {r.BytesAllocatedPerRecord,12:N1} {r.RecordsPerSecond / baseline.RecordsPerSecond,10:N2}");
        }

        var versus = GeneratedVersusHandWritten.Run(records, slices, buffer);
        Console.WriteLine($"generated vs hand-written: {records:N0} records per side and case in {slices} interleaved slices, load average {RocksDbBenchSupport.LoadAverage()}");
        Console.WriteLine($"{"record",-22} {"op",-7} {"generated/s",12} {"hand-written/s",15} {"ratio",6} {"B alloc gen/hand",18}");
        foreach (var v in versus)
        {
            Console.WriteLine($"{v.Record,-22} {v.Operation,-7} {v.Generated.RecordsPerSecond,12:N0} {v.HandWritten.RecordsPerSecond,15:N0} {v.Ratio,6:N2} {$"{v.Generated.BytesAllocatedPerRecord:N0}/{v.HandWritten.BytesAllocatedPerRecord:N0}",18}");
        }

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(
                new { benchmark = Name, records, encodedBytes = encoded.Length, loadAverage = RocksDbBenchSupport.LoadAverage(), results, slices, generatedVersusHandWritten = versus },
                new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }

        return 0;
    }

    private static EngagementEvent SampleEvent() => new()
    {
        EventId = Guid.Parse("7b0c3f64-8f51-4c3e-9a11-2f1f9c0d5e21"),
        UserId = "user-123456",
        ItemId = "item-98765",
        EventType = EventType.Watch,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_763_798_400_000),
        WatchSeconds = 1260,
        ItemDurationSeconds = 5400,
        SessionId = "s-42",
        Source = "web",
    };

    private static ReadOnlySpan<byte> Encode(EngagementEventContract contract, EngagementEvent value, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        contract.Write(new AvroBinaryWriter(buffer), value);
        return buffer.WrittenSpan;
    }

    private static int EncodeGeneric(GenericDatumWriter writer, object value, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        writer.Write(value, new AvroBinaryWriter(buffer));
        return buffer.WrittenCount;
    }

    private static EngagementEvent Decode(EngagementEventContract contract, byte[] encoded)
    {
        var reader = new AvroBinaryReader(encoded);
        return contract.Read(ref reader);
    }

    private static Result Measure(string codec, string operation, int records, Func<int> once)
    {
        var sink = 0L;
        for (var i = 0; i < Math.Min(records, 50_000); i++)
        {
            sink += once();
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            sink += once();
        }

        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(sink);
        return new Result(codec, operation, Math.Round(records / clock.Elapsed.TotalSeconds), Math.Round((double)allocated / records, 1));
    }

    internal sealed record Result(string Codec, string Operation, double RecordsPerSecond, double BytesAllocatedPerRecord);
}
