using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using Xunit;

namespace RecoStreams.Avro.Tests.Contracts;

public sealed class ContractRoundTripPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>
    /// The generated codec agrees with the core's generic writer byte for byte, reads its own
    /// output back, and maps the generic reader's output to the same value. Values are compared by
    /// their encoding so NaN and collection equality need no special casing.
    /// </summary>
    private static void HoldsFor<T>(IAvroContract<T> contract, Gen<T> values)
    {
        var genericWriter = new GenericDatumWriter(contract.Schema);
        var genericReader = new GenericDatumReader(contract.Schema);
        var decoder = new AvroContractDecoder<T>(contract);
        Check.One(Config, Prop.ForAll(values.ToArbitrary(), value =>
        {
            var typed = contract.Encode(value);
            var generic = genericWriter.Encode(contract.ToGeneric(value));
            var viaFastPath = contract.Encode(decoder.Decode(typed, contract.Schema));
            var viaGeneric = contract.Encode(contract.FromGeneric((GenericRecord)genericReader.Read(typed)!));
            return typed.AsSpan().SequenceEqual(generic)
                && typed.AsSpan().SequenceEqual(viaFastPath)
                && typed.AsSpan().SequenceEqual(viaGeneric);
        }));
    }

    [Fact]
    public void EngagementEvent_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(EngagementEventContract.Instance, ContractGenerators.Engagement);

    [Fact]
    public void CatalogItem_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(CatalogItemContract.Instance, ContractGenerators.Catalog);

    [Fact]
    public void RecommendationUpdated_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(RecommendationUpdatedContract.Instance, ContractGenerators.Recommendations);

    [Fact]
    public void RecommendationFeedback_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(RecommendationFeedbackContract.Instance, ContractGenerators.Feedback);

    [Fact]
    public void ItemStats_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(ItemStatsContract.Instance, ContractGenerators.Stats);

    [Fact]
    public void ModelTrainingStarted_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(ModelTrainingStartedContract.Instance, ContractGenerators.TrainingStarted);

    [Fact]
    public void ModelTrainingCompleted_typed_encoding_matches_generic_and_round_trips() =>
        HoldsFor(ModelTrainingCompletedContract.Instance, ContractGenerators.TrainingCompleted);

    [Fact]
    public void Decoded_engagement_event_equals_the_original_field_by_field()
    {
        var original = new EngagementEvent
        {
            EventId = Guid.Parse("6f1c2b8e-0a4d-4f7e-9b1a-2c3d4e5f6a7b"),
            UserId = "u-1",
            ItemId = "i-9",
            EventType = EventType.Rating,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_123_456),
            Rating = 4.5,
            Context = new Dictionary<string, string> { ["device"] = "ios" },
        };

        var decoded = new AvroContractDecoder<EngagementEvent>(EngagementEventContract.Instance)
            .Decode(EngagementEventContract.Instance.Encode(original), EngagementEventContract.Instance.Schema);

        Assert.Equal(original with { Context = decoded.Context }, decoded);
        Assert.Equal("ios", decoded.Context["device"]);
        Assert.Null(decoded.WatchSeconds);
    }

    [Fact]
    public void Truncated_input_raises_decode_exception_not_index_errors()
    {
        var bytes = CatalogItemContract.Instance.Encode(new CatalogItem
        {
            ItemId = "i-1",
            Title = "Title",
            Genres = ["Drama"],
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });
        var decoder = new AvroContractDecoder<CatalogItem>(CatalogItemContract.Instance);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<AvroDecodeException>(() => decoder.Decode(prefix, CatalogItemContract.Instance.Schema));
        }
    }

    [Fact]
    public void Trailing_bytes_after_a_datum_are_rejected()
    {
        var bytes = RecommendationFeedbackContract.Instance.Encode(new RecommendationFeedback
        {
            FeedbackId = Guid.NewGuid(),
            UserId = "u",
            ItemId = "i",
            Kind = FeedbackKind.Click,
            RecommendationGeneratedAt = DateTimeOffset.UnixEpoch,
            Position = 1,
            OccurredAt = DateTimeOffset.UnixEpoch,
        });
        var decoder = new AvroContractDecoder<RecommendationFeedback>(RecommendationFeedbackContract.Instance);

        var error = Assert.Throws<AvroDecodeException>(() => decoder.Decode([.. bytes, 0], RecommendationFeedbackContract.Instance.Schema));
        Assert.Contains("unexpected bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_required_string_is_an_encode_error_naming_the_field()
    {
        var value = new CatalogItem { ItemId = "i", Title = null!, UpdatedAt = DateTimeOffset.UnixEpoch };

        var error = Assert.Throws<AvroEncodeException>(() => CatalogItemContract.Instance.Encode(value));
        Assert.Contains("title", error.Message, StringComparison.Ordinal);
    }
}
