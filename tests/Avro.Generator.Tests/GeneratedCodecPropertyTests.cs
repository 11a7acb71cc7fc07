using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generator.Tests.Support;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Support;
using Xunit;
using Apache = Avro;

namespace RecoStreams.Avro.Generator.Tests;

/// <summary>
/// Generated codecs agree, on random data, with the core's generic reader/writer and with Apache.Avro,
/// byte for byte, both ways: the codec of a schema using every construct the generator maps, and the
/// codecs src/Avro ships for schemas/avro.
/// </summary>
public sealed class GeneratedCodecPropertyTests
{
    private static readonly Lazy<IContractProbe> Everything = new(() =>
        ContractProbe.Of(GeneratorHarness.Run([new SchemaInput("Everything.avsc", TestSchemas.Own("Everything.avsc"))]).Load(), "Generated.Contracts.EverythingContract"));

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    public static TheoryData<string> Contracts => ["Everything", "EngagementEvent", "CatalogItem", "RecommendationUpdated", "RecommendationFeedback", "ItemStats"];

    private static IContractProbe Contract(string name) => name switch
    {
        "Everything" => Everything.Value,
        "EngagementEvent" => ContractProbe.Of(EngagementEventContract.Instance),
        "CatalogItem" => ContractProbe.Of(CatalogItemContract.Instance),
        "RecommendationUpdated" => ContractProbe.Of(RecommendationUpdatedContract.Instance),
        "RecommendationFeedback" => ContractProbe.Of(RecommendationFeedbackContract.Instance),
        "ItemStats" => ContractProbe.Of(ItemStatsContract.Instance),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a contract of this test"),
    };

    private static Gen<GenericRecord> RandomRecords(AvroSchema schema) =>
        Gen.Choose(0, int.MaxValue).Select(seed => (GenericRecord)new RandomData(new Random(seed)).Next(schema, depth: 4)!);

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Generated_codec_reads_and_writes_exactly_what_the_generic_codec_does(string name)
    {
        var contract = Contract(name);
        var writer = new GenericDatumWriter(contract.Schema);
        var reader = new GenericDatumReader(contract.Schema);
        Check.One(Config, Prop.ForAll(RandomRecords(contract.Schema).ToArbitrary(), record =>
        {
            var generic = writer.Encode(record);
            var typed = contract.Read(generic);
            var reencoded = contract.Encode(typed);
            var viaFromGeneric = contract.Encode(contract.FromGeneric(record));
            var viaToGeneric = writer.Encode(contract.ToGeneric(typed));
            var viaGenericReader = contract.Encode(contract.FromGeneric((GenericRecord)reader.Read(reencoded)!));
            return generic.AsSpan().SequenceEqual(reencoded)
                && generic.AsSpan().SequenceEqual(viaFromGeneric)
                && generic.AsSpan().SequenceEqual(viaToGeneric)
                && generic.AsSpan().SequenceEqual(viaGenericReader);
        }));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Apache_avro_reads_the_generated_encoding_and_writes_it_back_identically(string name)
    {
        var contract = Contract(name);
        var apache = new ApacheCodec(contract.Schema.ToString());
        var records = RandomRecords(contract.Schema).Select(r => (GenericRecord)InstantsApacheRoundTrips(r)!);
        Check.One(Config, Prop.ForAll(records.ToArbitrary(), record =>
        {
            var typed = contract.Encode(contract.FromGeneric(record));
            var byApache = apache.RoundTrip(typed);
            var readBack = contract.Encode(contract.Read(byApache));
            return typed.AsSpan().SequenceEqual(byApache) && typed.AsSpan().SequenceEqual(readBack);
        }));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Generated_fingerprint_constant_is_the_runtime_rabin_fingerprint(string name)
    {
        var contract = Contract(name);

        Assert.Equal(SchemaFingerprint.Rabin(contract.Schema), contract.Fingerprint);
    }

    /// <summary>
    /// Apache.Avro 1.12.2 turns timestamp-millis into DateTime through floating point and back, which
    /// moves instants far from 1970 by a millisecond (47 of 1,000 random instants over DateTime's range;
    /// none of 1,000 between 1900 and 2200), so values given to it keep their instants in that range.
    /// </summary>
    private static object? InstantsApacheRoundTrips(object? value)
    {
        const long From = -2_208_988_800_000; // 1900-01-01
        const long Span = 9_467_107_200_000; // to 2200-01-01
        switch (value)
        {
            case DateTimeOffset instant:
                return DateTimeOffset.FromUnixTimeMilliseconds(From + (((instant.ToUnixTimeMilliseconds() % Span) + Span) % Span));
            case GenericRecord record:
                foreach (var field in record.Schema.Fields)
                {
                    record[field.Position] = InstantsApacheRoundTrips(record[field.Position]);
                }

                return record;
            case List<object?> items:
                return items.ConvertAll(InstantsApacheRoundTrips);
            case Dictionary<string, object?> map:
                return map.ToDictionary(e => e.Key, e => InstantsApacheRoundTrips(e.Value));
            default:
                return value;
        }
    }

    /// <summary>Apache.Avro's generic reader and writer over the same schema text.</summary>
    private sealed class ApacheCodec(string schemaJson)
    {
        private readonly Apache.Schema _schema = Apache.Schema.Parse(schemaJson);

        public byte[] RoundTrip(byte[] encoded)
        {
            var datum = new Apache.Generic.GenericDatumReader<object>(_schema, _schema)
                .Read(null!, new Apache.IO.BinaryDecoder(new MemoryStream(encoded)));
            using var output = new MemoryStream();
            new Apache.Generic.GenericDatumWriter<object>(_schema).Write(datum, new Apache.IO.BinaryEncoder(output));
            return output.ToArray();
        }
    }
}
