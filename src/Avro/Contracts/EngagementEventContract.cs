using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>Hand-written codec of <see cref="EngagementEvent"/>; fields in schema order.</summary>
public sealed class EngagementEventContract : IAvroContract<EngagementEvent>
{
    private readonly RecordSchema _schema;
    private readonly EnumSchema _eventType;

    private EngagementEventContract()
    {
        _schema = ContractGeneric.RecordOf(AvroSchema.Parse(EngagementEventSchema.Json));
        _eventType = ContractGeneric.EnumOf(_schema, "event_type");
        Fingerprint = SchemaFingerprint.Rabin(_schema);
    }

    /// <summary>The shared instance; the codec is stateless and thread-safe.</summary>
    public static EngagementEventContract Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Schema => _schema;

    /// <inheritdoc />
    public long Fingerprint { get; }

    /// <inheritdoc />
    public void Write(AvroBinaryWriter writer, EngagementEvent value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ContractBinary.WriteUuid(writer, value.EventId);
        ContractBinary.WriteRequired(writer, value.UserId, "user_id");
        ContractBinary.WriteRequired(writer, value.ItemId, "item_id");
        writer.WriteEnum(ContractGeneric.Ordinal(_eventType, (int)value.EventType, "event_type"));
        ContractBinary.WriteTimestamp(writer, value.OccurredAt);
        ContractBinary.WriteOptional(writer, value.Rating);
        ContractBinary.WriteOptional(writer, value.WatchSeconds);
        ContractBinary.WriteOptional(writer, value.ItemDurationSeconds);
        ContractBinary.WriteOptional(writer, value.SessionId);
        ContractBinary.WriteStringMap(writer, value.Context, "context");
        ContractBinary.WriteOptional(writer, value.Source);
    }

    /// <inheritdoc />
    public EngagementEvent Read(ref AvroBinaryReader reader) => new()
    {
        EventId = ContractBinary.ReadUuid(ref reader),
        UserId = reader.ReadString(),
        ItemId = reader.ReadString(),
        EventType = (EventType)reader.ReadEnum(_eventType.Symbols.Count),
        OccurredAt = ContractBinary.ReadTimestamp(ref reader),
        Rating = ContractBinary.ReadOptionalDouble(ref reader),
        WatchSeconds = ContractBinary.ReadOptionalDouble(ref reader),
        ItemDurationSeconds = ContractBinary.ReadOptionalDouble(ref reader),
        SessionId = ContractBinary.ReadOptionalString(ref reader),
        Context = ContractBinary.ReadStringMap(ref reader),
        Source = ContractBinary.ReadOptionalString(ref reader),
    };

    /// <inheritdoc />
    public GenericRecord ToGeneric(EngagementEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new GenericRecord(_schema);
        record["event_id"] = value.EventId;
        record["user_id"] = value.UserId;
        record["item_id"] = value.ItemId;
        record["event_type"] = ContractGeneric.Enum(_eventType, ContractGeneric.Ordinal(_eventType, (int)value.EventType, "event_type"));
        record["occurred_at"] = value.OccurredAt;
        record["rating"] = value.Rating;
        record["watch_seconds"] = value.WatchSeconds;
        record["item_duration_seconds"] = value.ItemDurationSeconds;
        record["session_id"] = value.SessionId;
        record["context"] = ContractGeneric.Map(value.Context);
        record["source"] = value.Source;
        return record;
    }

    /// <inheritdoc />
    public EngagementEvent FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new EngagementEvent
        {
            EventId = ContractGeneric.GetUuid(record, "event_id"),
            UserId = ContractGeneric.Get<string>(record, "user_id"),
            ItemId = ContractGeneric.Get<string>(record, "item_id"),
            EventType = (EventType)ContractGeneric.GetEnumOrdinal(record, "event_type", _eventType),
            OccurredAt = ContractGeneric.GetTimestamp(record, "occurred_at"),
            Rating = ContractGeneric.GetOptional<double>(record, "rating"),
            WatchSeconds = ContractGeneric.GetOptional<double>(record, "watch_seconds"),
            ItemDurationSeconds = ContractGeneric.GetOptional<double>(record, "item_duration_seconds"),
            SessionId = ContractGeneric.GetOptionalString(record, "session_id"),
            Context = ContractGeneric.GetStringMap(record, "context"),
            Source = ContractGeneric.GetOptionalString(record, "source"),
        };
    }
}
