using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Avro.Tests.Contracts;
using RecoStreams.Avro.Tests.Registry;
using RecoStreams.Avro.WireFormat;
using Xunit;
using ApacheRecord = Avro.Generic.GenericRecord;

namespace RecoStreams.Avro.Tests.Oracles;

/// <summary>
/// Confluent's Avro serializer and deserializer (Confluent.SchemaRegistry.Serdes.Avro 2.16) as the reference
/// for the wire format: against one embedded registry served over HTTP, Confluent's bytes equal the
/// project's serializer's for every contract, and each side decodes what the other wrote. Values Apache
/// cannot write exactly are left out, as in <see cref="ApacheAvroContractOracleTests"/>.
/// </summary>
public sealed class ConfluentSerdeOracleTests
{
    private const int ValuesPerContract = 40;

    private static async Task AgreesWithConfluent<T>(string schemaFile, string topic, IAvroContract<T> contract, Gen<T> values)
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        using var http = new HttpClient();
        var client = new SchemaRegistryClient(http, new SchemaRegistryClientOptions { BaseAddress = server.BaseAddress });
        var ourSerializer = new ConfluentAvroSerializer<T>(contract, client);
        var ourDeserializer = new ConfluentAvroDeserializer<T>(contract, client);
        using var confluentClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = server.BaseAddress.ToString() });
        var confluentSerializer = new AvroSerializer<ApacheRecord>(confluentClient);
        var confluentDeserializer = new AvroDeserializer<ApacheRecord>(confluentClient);
        var apacheSchema = global::Avro.Schema.Parse(ContractSchemaFiles.Read(schemaFile));
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var cancellation = TestContext.Current.CancellationToken;

        foreach (var value in values.Where(v => ApacheDatum.ApacheWritesExactly(contract.ToGeneric(v))).Sample(ValuesPerContract))
        {
            var ours = await ourSerializer.SerializeAsync(value, topic, isKey: false, cancellation);
            var confluent = await confluentSerializer.SerializeAsync((ApacheRecord)ApacheDatum.From(apacheSchema, contract.ToGeneric(value))!, context);
            Assert.Equal(ours, confluent);

            var ourReadOfConfluent = await ourDeserializer.DeserializeAsync(confluent, cancellation);
            Assert.Equal(contract.Encode(value), contract.Encode(ourReadOfConfluent));

            var confluentReadOfOurs = await confluentDeserializer.DeserializeAsync(ours, isNull: false, context);
            Assert.Equal(ours.AsSpan(5).ToArray(), ApacheCodec.Encode(apacheSchema, confluentReadOfOurs));
        }

        Assert.Equal([topic + "-value"], await server.Registry.GetSubjectsAsync(cancellation));
    }

    [Fact]
    public Task EngagementEvent_wire_bytes_equal_Confluent_serializer() =>
        AgreesWithConfluent("EngagementEvent", "engagement-events", EngagementEventContract.Instance, ContractGenerators.Engagement);

    [Fact]
    public Task CatalogItem_wire_bytes_equal_Confluent_serializer() =>
        AgreesWithConfluent("CatalogItem", "catalog-items", CatalogItemContract.Instance, ContractGenerators.Catalog);

    [Fact]
    public Task RecommendationUpdated_wire_bytes_equal_Confluent_serializer() =>
        AgreesWithConfluent("RecommendationUpdated", "recommendation-updated", RecommendationUpdatedContract.Instance, ContractGenerators.Recommendations);

    [Fact]
    public Task RecommendationFeedback_wire_bytes_equal_Confluent_serializer() =>
        AgreesWithConfluent("RecommendationFeedback", "recommendation-feedback", RecommendationFeedbackContract.Instance, ContractGenerators.Feedback);

    [Fact]
    public Task ItemStats_wire_bytes_equal_Confluent_serializer() =>
        AgreesWithConfluent("ItemStats", "item-stats", ItemStatsContract.Instance, ContractGenerators.Stats);
}
