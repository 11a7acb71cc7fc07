using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Bench.Baselines;

/// <summary>
/// The hand-written RecommendationUpdated codec the generated <see cref="RecommendationUpdatedContract"/>
/// replaced (Write and Read of src/Avro/Contracts/RecommendationUpdatedContract.cs at 8cfd09b): nested
/// records, enums and arrays, the baseline of the `avro` benchmark's second record.
/// </summary>
internal sealed class HandWrittenRecommendationUpdatedCodec
{
    private readonly EnumSchema _strategy;
    private readonly EnumSchema _source;
    private readonly Action<AvroBinaryWriter, RecommendedItem> _writeItem;
    private readonly HandWrittenItemReader<RecommendedItem> _readItem;

    public HandWrittenRecommendationUpdatedCodec()
    {
        var schema = (RecordSchema)RecommendationUpdatedContract.Instance.Schema;
        _strategy = (EnumSchema)schema.GetField("strategy")!.Schema;
        var item = (RecordSchema)((ArraySchema)schema.GetField("items")!.Schema).Items;
        _source = (EnumSchema)item.GetField("source")!.Schema;
        _writeItem = WriteItem;
        _readItem = ReadItem;
    }

    public void Write(AvroBinaryWriter writer, RecommendationUpdated value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        HandWrittenContractBinary.WriteRequired(writer, value.UserId, "user_id");
        HandWrittenContractBinary.WriteTimestamp(writer, value.GeneratedAt);
        HandWrittenContractBinary.WriteRequired(writer, value.Algorithm, "algorithm");
        writer.WriteEnum(HandWrittenContractBinary.Ordinal(_strategy, (int)value.Strategy, "strategy"));
        HandWrittenContractBinary.WriteArray(writer, value.Items, _writeItem, "items");
        HandWrittenContractBinary.WriteStrings(writer, value.PreviousItemIds, "previous_item_ids");
        HandWrittenContractBinary.WriteRequired(writer, value.Trigger, "trigger");
        writer.WriteLong(value.Version);
    }

    public RecommendationUpdated Read(ref AvroBinaryReader reader) => new()
    {
        UserId = reader.ReadString(),
        GeneratedAt = HandWrittenContractBinary.ReadTimestamp(ref reader),
        Algorithm = reader.ReadString(),
        Strategy = (RecommendationStrategy)reader.ReadEnum(_strategy.Symbols.Count),
        Items = HandWrittenContractBinary.ReadArray(ref reader, _readItem),
        PreviousItemIds = HandWrittenContractBinary.ReadStrings(ref reader),
        Trigger = reader.ReadString(),
        Version = reader.ReadLong(),
    };

    private void WriteItem(AvroBinaryWriter writer, RecommendedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        HandWrittenContractBinary.WriteRequired(writer, item.ItemId, "items[].item_id");
        writer.WriteInt(item.Rank);
        writer.WriteDouble(item.Score);
        writer.WriteEnum(HandWrittenContractBinary.Ordinal(_source, (int)item.Source, "items[].source"));
        HandWrittenContractBinary.WriteRequired(writer, item.Explanation, "items[].explanation");
    }

    private RecommendedItem ReadItem(ref AvroBinaryReader reader) => new(
        reader.ReadString(),
        reader.ReadInt(),
        reader.ReadDouble(),
        (CandidateSource)reader.ReadEnum(_source.Symbols.Count),
        reader.ReadString());
}
