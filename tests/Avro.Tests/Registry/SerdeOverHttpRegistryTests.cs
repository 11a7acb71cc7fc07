using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Avro.WireFormat;
using Xunit;

namespace RecoStreams.Avro.Tests.Registry;

/// <summary>Producer and consumer serdes talking to the embedded registry through the HTTP client, as in production.</summary>
public sealed class SerdeOverHttpRegistryTests
{
    [Fact]
    public async Task A_message_serialized_by_one_client_is_deserialized_by_another_via_the_registry()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        using var http = new HttpClient();
        var options = new SchemaRegistryClientOptions { BaseAddress = server.BaseAddress };
        var producer = new ConfluentAvroSerializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, new SchemaRegistryClient(http, options));
        var consumer = new ConfluentAvroDeserializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, new SchemaRegistryClient(http, options));
        var update = new RecommendationUpdated
        {
            UserId = "u-1",
            GeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
            Algorithm = "hybrid-v1",
            Strategy = RecommendationStrategy.Hybrid,
            Items = [new RecommendedItem("i-1", 1, 0.93, CandidateSource.Cf, "because you watched X")],
            PreviousItemIds = ["i-9"],
            Trigger = "punctuation",
            Version = 7,
        };

        var message = await producer.SerializeAsync(update, "recommendation-updated", isKey: false, TestContext.Current.CancellationToken);
        var decoded = await consumer.DeserializeAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(["recommendation-updated-value"], await server.Registry.GetSubjectsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(update.Items, decoded.Items);
        Assert.Equal(update.PreviousItemIds, decoded.PreviousItemIds);
        Assert.Equal(update with { Items = decoded.Items, PreviousItemIds = decoded.PreviousItemIds }, decoded);
    }
}
