using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Bench.Baselines;

/// <summary>
/// The hand-written EngagementEvent codec the generated <see cref="EngagementEventContract"/> replaced
/// (Write and Read of src/Avro/Contracts/EngagementEventContract.cs at 8cfd09b): the baseline of the
/// `avro` benchmark's generated-versus-hand-written rows.
/// </summary>
internal sealed class HandWrittenEngagementEventCodec
{
    private readonly EnumSchema _eventType =
        (EnumSchema)((RecordSchema)EngagementEventContract.Instance.Schema).GetField("event_type")!.Schema;

    public void Write(AvroBinaryWriter writer, EngagementEvent value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        HandWrittenContractBinary.WriteUuid(writer, value.EventId);
        HandWrittenContractBinary.WriteRequired(writer, value.UserId, "user_id");
        HandWrittenContractBinary.WriteRequired(writer, value.ItemId, "item_id");
        writer.WriteEnum(HandWrittenContractBinary.Ordinal(_eventType, (int)value.EventType, "event_type"));
        HandWrittenContractBinary.WriteTimestamp(writer, value.OccurredAt);
        HandWrittenContractBinary.WriteOptional(writer, value.Rating);
        HandWrittenContractBinary.WriteOptional(writer, value.WatchSeconds);
        HandWrittenContractBinary.WriteOptional(writer, value.ItemDurationSeconds);
        HandWrittenContractBinary.WriteOptional(writer, value.SessionId);
        HandWrittenContractBinary.WriteStringMap(writer, value.Context, "context");
        HandWrittenContractBinary.WriteOptional(writer, value.Source);
    }

    public EngagementEvent Read(ref AvroBinaryReader reader) => new()
    {
        EventId = HandWrittenContractBinary.ReadUuid(ref reader),
        UserId = reader.ReadString(),
        ItemId = reader.ReadString(),
        EventType = (EventType)reader.ReadEnum(_eventType.Symbols.Count),
        OccurredAt = HandWrittenContractBinary.ReadTimestamp(ref reader),
        Rating = HandWrittenContractBinary.ReadOptionalDouble(ref reader),
        WatchSeconds = HandWrittenContractBinary.ReadOptionalDouble(ref reader),
        ItemDurationSeconds = HandWrittenContractBinary.ReadOptionalDouble(ref reader),
        SessionId = HandWrittenContractBinary.ReadOptionalString(ref reader),
        Context = HandWrittenContractBinary.ReadStringMap(ref reader),
        Source = HandWrittenContractBinary.ReadOptionalString(ref reader),
    };
}
