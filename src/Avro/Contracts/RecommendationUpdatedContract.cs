using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>Hand-written codec of <see cref="RecommendationUpdated"/>; fields in schema order.</summary>
public sealed class RecommendationUpdatedContract : IAvroContract<RecommendationUpdated>
{
    private readonly RecordSchema _schema;
    private readonly RecordSchema _item;
    private readonly EnumSchema _strategy;
    private readonly EnumSchema _source;
    private readonly Action<AvroBinaryWriter, RecommendedItem> _writeItem;
    private readonly ItemReader<RecommendedItem> _readItem;

    private RecommendationUpdatedContract()
    {
        _schema = ContractGeneric.RecordOf(AvroSchema.Parse(RecommendationUpdatedSchema.Json));
        _item = ContractGeneric.ArrayItemRecord(_schema, "items");
        _strategy = ContractGeneric.EnumOf(_schema, "strategy");
        _source = ContractGeneric.EnumOf(_item, "source");
        Fingerprint = SchemaFingerprint.Rabin(_schema);
        _writeItem = WriteItem;
        _readItem = ReadItem;
    }

    /// <summary>The shared instance; the codec is stateless and thread-safe.</summary>
    public static RecommendationUpdatedContract Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Schema => _schema;

    /// <inheritdoc />
    public long Fingerprint { get; }

    /// <inheritdoc />
    public void Write(AvroBinaryWriter writer, RecommendationUpdated value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ContractBinary.WriteRequired(writer, value.UserId, "user_id");
        ContractBinary.WriteTimestamp(writer, value.GeneratedAt);
        ContractBinary.WriteRequired(writer, value.Algorithm, "algorithm");
        writer.WriteEnum(ContractGeneric.Ordinal(_strategy, (int)value.Strategy, "strategy"));
        ContractBinary.WriteArray(writer, value.Items, _writeItem, "items");
        ContractBinary.WriteStrings(writer, value.PreviousItemIds, "previous_item_ids");
        ContractBinary.WriteRequired(writer, value.Trigger, "trigger");
        writer.WriteLong(value.Version);
    }

    /// <inheritdoc />
    public RecommendationUpdated Read(ref AvroBinaryReader reader) => new()
    {
        UserId = reader.ReadString(),
        GeneratedAt = ContractBinary.ReadTimestamp(ref reader),
        Algorithm = reader.ReadString(),
        Strategy = (RecommendationStrategy)reader.ReadEnum(_strategy.Symbols.Count),
        Items = ContractBinary.ReadArray(ref reader, _readItem),
        PreviousItemIds = ContractBinary.ReadStrings(ref reader),
        Trigger = reader.ReadString(),
        Version = reader.ReadLong(),
    };

    /// <inheritdoc />
    public GenericRecord ToGeneric(RecommendationUpdated value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new GenericRecord(_schema);
        record["user_id"] = value.UserId;
        record["generated_at"] = value.GeneratedAt;
        record["algorithm"] = value.Algorithm;
        record["strategy"] = ContractGeneric.Enum(_strategy, ContractGeneric.Ordinal(_strategy, (int)value.Strategy, "strategy"));
        record["items"] = ContractGeneric.List(value.Items, ItemToGeneric);
        record["previous_item_ids"] = ContractGeneric.List(value.PreviousItemIds, s => s);
        record["trigger"] = value.Trigger;
        record["version"] = value.Version;
        return record;
    }

    /// <inheritdoc />
    public RecommendationUpdated FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecommendationUpdated
        {
            UserId = ContractGeneric.Get<string>(record, "user_id"),
            GeneratedAt = ContractGeneric.GetTimestamp(record, "generated_at"),
            Algorithm = ContractGeneric.Get<string>(record, "algorithm"),
            Strategy = (RecommendationStrategy)ContractGeneric.GetEnumOrdinal(record, "strategy", _strategy),
            Items = ContractGeneric.GetRecords(record, "items", ItemFromGeneric),
            PreviousItemIds = ContractGeneric.GetStrings(record, "previous_item_ids"),
            Trigger = ContractGeneric.Get<string>(record, "trigger"),
            Version = ContractGeneric.Get<long>(record, "version"),
        };
    }

    private void WriteItem(AvroBinaryWriter writer, RecommendedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ContractBinary.WriteRequired(writer, item.ItemId, "items[].item_id");
        writer.WriteInt(item.Rank);
        writer.WriteDouble(item.Score);
        writer.WriteEnum(ContractGeneric.Ordinal(_source, (int)item.Source, "items[].source"));
        ContractBinary.WriteRequired(writer, item.Explanation, "items[].explanation");
    }

    private RecommendedItem ReadItem(ref AvroBinaryReader reader) => new(
        reader.ReadString(),
        reader.ReadInt(),
        reader.ReadDouble(),
        (CandidateSource)reader.ReadEnum(_source.Symbols.Count),
        reader.ReadString());

    private GenericRecord ItemToGeneric(RecommendedItem item)
    {
        var record = new GenericRecord(_item);
        record["item_id"] = item.ItemId;
        record["rank"] = item.Rank;
        record["score"] = item.Score;
        record["source"] = ContractGeneric.Enum(_source, ContractGeneric.Ordinal(_source, (int)item.Source, "items[].source"));
        record["explanation"] = item.Explanation;
        return record;
    }

    private RecommendedItem ItemFromGeneric(GenericRecord record) => new(
        ContractGeneric.Get<string>(record, "item_id"),
        ContractGeneric.Get<int>(record, "rank"),
        ContractGeneric.Get<double>(record, "score"),
        (CandidateSource)ContractGeneric.GetEnumOrdinal(record, "source", _source),
        ContractGeneric.Get<string>(record, "explanation"));
}
