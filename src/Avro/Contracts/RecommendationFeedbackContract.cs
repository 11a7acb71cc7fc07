using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>Hand-written codec of <see cref="RecommendationFeedback"/>; fields in schema order.</summary>
public sealed class RecommendationFeedbackContract : IAvroContract<RecommendationFeedback>
{
    private readonly RecordSchema _schema;
    private readonly EnumSchema _kind;

    private RecommendationFeedbackContract()
    {
        _schema = ContractGeneric.RecordOf(AvroSchema.Parse(RecommendationFeedbackSchema.Json));
        _kind = ContractGeneric.EnumOf(_schema, "kind");
        Fingerprint = SchemaFingerprint.Rabin(_schema);
    }

    /// <summary>The shared instance; the codec is stateless and thread-safe.</summary>
    public static RecommendationFeedbackContract Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Schema => _schema;

    /// <inheritdoc />
    public long Fingerprint { get; }

    /// <inheritdoc />
    public void Write(AvroBinaryWriter writer, RecommendationFeedback value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ContractBinary.WriteUuid(writer, value.FeedbackId);
        ContractBinary.WriteRequired(writer, value.UserId, "user_id");
        ContractBinary.WriteRequired(writer, value.ItemId, "item_id");
        writer.WriteEnum(ContractGeneric.Ordinal(_kind, (int)value.Kind, "kind"));
        ContractBinary.WriteTimestamp(writer, value.RecommendationGeneratedAt);
        writer.WriteInt(value.Position);
        ContractBinary.WriteTimestamp(writer, value.OccurredAt);
    }

    /// <inheritdoc />
    public RecommendationFeedback Read(ref AvroBinaryReader reader) => new()
    {
        FeedbackId = ContractBinary.ReadUuid(ref reader),
        UserId = reader.ReadString(),
        ItemId = reader.ReadString(),
        Kind = (FeedbackKind)reader.ReadEnum(_kind.Symbols.Count),
        RecommendationGeneratedAt = ContractBinary.ReadTimestamp(ref reader),
        Position = reader.ReadInt(),
        OccurredAt = ContractBinary.ReadTimestamp(ref reader),
    };

    /// <inheritdoc />
    public GenericRecord ToGeneric(RecommendationFeedback value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new GenericRecord(_schema);
        record["feedback_id"] = value.FeedbackId;
        record["user_id"] = value.UserId;
        record["item_id"] = value.ItemId;
        record["kind"] = ContractGeneric.Enum(_kind, ContractGeneric.Ordinal(_kind, (int)value.Kind, "kind"));
        record["recommendation_generated_at"] = value.RecommendationGeneratedAt;
        record["position"] = value.Position;
        record["occurred_at"] = value.OccurredAt;
        return record;
    }

    /// <inheritdoc />
    public RecommendationFeedback FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecommendationFeedback
        {
            FeedbackId = ContractGeneric.GetUuid(record, "feedback_id"),
            UserId = ContractGeneric.Get<string>(record, "user_id"),
            ItemId = ContractGeneric.Get<string>(record, "item_id"),
            Kind = (FeedbackKind)ContractGeneric.GetEnumOrdinal(record, "kind", _kind),
            RecommendationGeneratedAt = ContractGeneric.GetTimestamp(record, "recommendation_generated_at"),
            Position = ContractGeneric.Get<int>(record, "position"),
            OccurredAt = ContractGeneric.GetTimestamp(record, "occurred_at"),
        };
    }
}
