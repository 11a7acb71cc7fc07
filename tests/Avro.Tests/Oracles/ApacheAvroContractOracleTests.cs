using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Tests.Contracts;
using Xunit;

namespace RecoStreams.Avro.Tests.Oracles;

/// <summary>
/// Apache.Avro 1.12 as the reference: for generated values of every contract, Apache's generic writer
/// (schema from schemas/avro) produces exactly the contract's bytes, and Apache reads those bytes back
/// to a datum it re-encodes identically. Values with an instant Apache itself cannot write exactly are
/// discarded (see <see cref="ApacheDatum.ApacheWritesExactly(DateTimeOffset)"/>).
/// </summary>
public sealed class ApacheAvroContractOracleTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static void AgreesWithApache<T>(string schemaFile, IAvroContract<T> contract, Gen<T> values)
    {
        var apacheSchema = global::Avro.Schema.Parse(ContractSchemaFiles.Read(schemaFile));
        var comparable = values.Where(value => ApacheDatum.ApacheWritesExactly(contract.ToGeneric(value)));
        Check.One(Config, Prop.ForAll(comparable.ToArbitrary(), value =>
        {
            var ours = contract.Encode(value);
            Assert.Equal(ours, ApacheCodec.Encode(apacheSchema, ApacheDatum.From(apacheSchema, contract.ToGeneric(value))));
            Assert.Equal(ours, ApacheCodec.Encode(apacheSchema, ApacheCodec.Decode(apacheSchema, ours)));
        }));
    }

    [Fact]
    public void Apache_drops_a_millisecond_only_far_from_1970_which_is_why_such_values_are_discarded()
    {
        Assert.True(ApacheDatum.ApacheWritesExactly(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)));
        Assert.False(ApacheDatum.ApacheWritesExactly(DateTimeOffset.FromUnixTimeMilliseconds(253_402_300_799_999)));
    }

    [Fact]
    public void EngagementEvent_bytes_equal_Apache_Avro() =>
        AgreesWithApache("EngagementEvent", EngagementEventContract.Instance, ContractGenerators.Engagement);

    [Fact]
    public void CatalogItem_bytes_equal_Apache_Avro() =>
        AgreesWithApache("CatalogItem", CatalogItemContract.Instance, ContractGenerators.Catalog);

    [Fact]
    public void RecommendationUpdated_bytes_equal_Apache_Avro() =>
        AgreesWithApache("RecommendationUpdated", RecommendationUpdatedContract.Instance, ContractGenerators.Recommendations);

    [Fact]
    public void RecommendationFeedback_bytes_equal_Apache_Avro() =>
        AgreesWithApache("RecommendationFeedback", RecommendationFeedbackContract.Instance, ContractGenerators.Feedback);

    [Fact]
    public void ItemStats_bytes_equal_Apache_Avro() =>
        AgreesWithApache("ItemStats", ItemStatsContract.Instance, ContractGenerators.Stats);
}
