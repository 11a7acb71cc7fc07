using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>Hand-written codec of <see cref="CatalogItem"/>; fields in schema order.</summary>
public sealed class CatalogItemContract : IAvroContract<CatalogItem>
{
    private readonly RecordSchema _schema;

    private CatalogItemContract()
    {
        _schema = ContractGeneric.RecordOf(AvroSchema.Parse(CatalogItemSchema.Json));
        Fingerprint = SchemaFingerprint.Rabin(_schema);
    }

    /// <summary>The shared instance; the codec is stateless and thread-safe.</summary>
    public static CatalogItemContract Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Schema => _schema;

    /// <inheritdoc />
    public long Fingerprint { get; }

    /// <inheritdoc />
    public void Write(AvroBinaryWriter writer, CatalogItem value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ContractBinary.WriteRequired(writer, value.ItemId, "item_id");
        ContractBinary.WriteRequired(writer, value.Title, "title");
        ContractBinary.WriteStrings(writer, value.Genres, "genres");
        ContractBinary.WriteStrings(writer, value.Creators, "creators");
        ContractBinary.WriteOptional(writer, value.Language);
        ContractBinary.WriteStrings(writer, value.Tags, "tags");
        ContractBinary.WriteOptional(writer, value.DurationSeconds);
        writer.WriteBoolean(value.Available);
        ContractBinary.WriteOptionalTimestamp(writer, value.PublishedAt);
        ContractBinary.WriteTimestamp(writer, value.UpdatedAt);
        ContractBinary.WriteStringMap(writer, value.Attributes, "attributes");
    }

    /// <inheritdoc />
    public CatalogItem Read(ref AvroBinaryReader reader) => new()
    {
        ItemId = reader.ReadString(),
        Title = reader.ReadString(),
        Genres = ContractBinary.ReadStrings(ref reader),
        Creators = ContractBinary.ReadStrings(ref reader),
        Language = ContractBinary.ReadOptionalString(ref reader),
        Tags = ContractBinary.ReadStrings(ref reader),
        DurationSeconds = ContractBinary.ReadOptionalDouble(ref reader),
        Available = reader.ReadBoolean(),
        PublishedAt = ContractBinary.ReadOptionalTimestamp(ref reader),
        UpdatedAt = ContractBinary.ReadTimestamp(ref reader),
        Attributes = ContractBinary.ReadStringMap(ref reader),
    };

    /// <inheritdoc />
    public GenericRecord ToGeneric(CatalogItem value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new GenericRecord(_schema);
        record["item_id"] = value.ItemId;
        record["title"] = value.Title;
        record["genres"] = ContractGeneric.List(value.Genres, s => s);
        record["creators"] = ContractGeneric.List(value.Creators, s => s);
        record["language"] = value.Language;
        record["tags"] = ContractGeneric.List(value.Tags, s => s);
        record["duration_seconds"] = value.DurationSeconds;
        record["available"] = value.Available;
        record["published_at"] = value.PublishedAt;
        record["updated_at"] = value.UpdatedAt;
        record["attributes"] = ContractGeneric.Map(value.Attributes);
        return record;
    }

    /// <inheritdoc />
    public CatalogItem FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CatalogItem
        {
            ItemId = ContractGeneric.Get<string>(record, "item_id"),
            Title = ContractGeneric.Get<string>(record, "title"),
            Genres = ContractGeneric.GetStrings(record, "genres"),
            Creators = ContractGeneric.GetStrings(record, "creators"),
            Language = ContractGeneric.GetOptionalString(record, "language"),
            Tags = ContractGeneric.GetStrings(record, "tags"),
            DurationSeconds = ContractGeneric.GetOptional<double>(record, "duration_seconds"),
            Available = ContractGeneric.Get<bool>(record, "available"),
            PublishedAt = ContractGeneric.GetOptionalTimestamp(record, "published_at"),
            UpdatedAt = ContractGeneric.GetTimestamp(record, "updated_at"),
            Attributes = ContractGeneric.GetStringMap(record, "attributes"),
        };
    }
}
