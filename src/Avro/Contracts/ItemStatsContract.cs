using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>Hand-written codec of <see cref="ItemStats"/>; fields in schema order.</summary>
public sealed class ItemStatsContract : IAvroContract<ItemStats>
{
    private static readonly Action<AvroBinaryWriter, WindowScore> WriteWindow = (writer, window) =>
    {
        ArgumentNullException.ThrowIfNull(window);
        ContractBinary.WriteRequired(writer, window.Window, "popularity[].window");
        ContractBinary.WriteTimestamp(writer, window.WindowStart);
        ContractBinary.WriteTimestamp(writer, window.WindowEnd);
        writer.WriteDouble(window.Score);
        writer.WriteLong(window.EventCount);
    };

    private static readonly Action<AvroBinaryWriter, Neighbour> WriteNeighbour = (writer, neighbour) =>
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        ContractBinary.WriteRequired(writer, neighbour.ItemId, "neighbours[].item_id");
        writer.WriteDouble(neighbour.Similarity);
        writer.WriteDouble(neighbour.CoCount);
    };

    private readonly RecordSchema _schema;
    private readonly RecordSchema _window;
    private readonly RecordSchema _neighbour;

    private ItemStatsContract()
    {
        _schema = ContractGeneric.RecordOf(AvroSchema.Parse(ItemStatsSchema.Json));
        _window = ContractGeneric.ArrayItemRecord(_schema, "popularity");
        _neighbour = ContractGeneric.ArrayItemRecord(_schema, "neighbours");
        Fingerprint = SchemaFingerprint.Rabin(_schema);
    }

    /// <summary>The shared instance; the codec is stateless and thread-safe.</summary>
    public static ItemStatsContract Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Schema => _schema;

    /// <inheritdoc />
    public long Fingerprint { get; }

    /// <inheritdoc />
    public void Write(AvroBinaryWriter writer, ItemStats value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ContractBinary.WriteRequired(writer, value.ItemId, "item_id");
        ContractBinary.WriteTimestamp(writer, value.UpdatedAt);
        ContractBinary.WriteArray(writer, value.Popularity, WriteWindow, "popularity");
        ContractBinary.WriteArray(writer, value.Neighbours, WriteNeighbour, "neighbours");
        ContractBinary.WriteStrings(writer, value.Genres, "genres");
    }

    /// <inheritdoc />
    public ItemStats Read(ref AvroBinaryReader reader) => new()
    {
        ItemId = reader.ReadString(),
        UpdatedAt = ContractBinary.ReadTimestamp(ref reader),
        Popularity = ContractBinary.ReadArray(ref reader, static (ref AvroBinaryReader r) => new WindowScore(
            r.ReadString(), ContractBinary.ReadTimestamp(ref r), ContractBinary.ReadTimestamp(ref r), r.ReadDouble(), r.ReadLong())),
        Neighbours = ContractBinary.ReadArray(ref reader, static (ref AvroBinaryReader r) => new Neighbour(
            r.ReadString(), r.ReadDouble(), r.ReadDouble())),
        Genres = ContractBinary.ReadStrings(ref reader),
    };

    /// <inheritdoc />
    public GenericRecord ToGeneric(ItemStats value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var record = new GenericRecord(_schema);
        record["item_id"] = value.ItemId;
        record["updated_at"] = value.UpdatedAt;
        record["popularity"] = ContractGeneric.List(value.Popularity, w =>
        {
            var window = new GenericRecord(_window);
            window["window"] = w.Window;
            window["window_start"] = w.WindowStart;
            window["window_end"] = w.WindowEnd;
            window["score"] = w.Score;
            window["event_count"] = w.EventCount;
            return window;
        });
        record["neighbours"] = ContractGeneric.List(value.Neighbours, n =>
        {
            var neighbour = new GenericRecord(_neighbour);
            neighbour["item_id"] = n.ItemId;
            neighbour["similarity"] = n.Similarity;
            neighbour["co_count"] = n.CoCount;
            return neighbour;
        });
        record["genres"] = ContractGeneric.List(value.Genres, s => s);
        return record;
    }

    /// <inheritdoc />
    public ItemStats FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ItemStats
        {
            ItemId = ContractGeneric.Get<string>(record, "item_id"),
            UpdatedAt = ContractGeneric.GetTimestamp(record, "updated_at"),
            Popularity = ContractGeneric.GetRecords(record, "popularity", w => new WindowScore(
                ContractGeneric.Get<string>(w, "window"),
                ContractGeneric.GetTimestamp(w, "window_start"),
                ContractGeneric.GetTimestamp(w, "window_end"),
                ContractGeneric.Get<double>(w, "score"),
                ContractGeneric.Get<long>(w, "event_count"))),
            Neighbours = ContractGeneric.GetRecords(record, "neighbours", n => new Neighbour(
                ContractGeneric.Get<string>(n, "item_id"),
                ContractGeneric.Get<double>(n, "similarity"),
                ContractGeneric.Get<double>(n, "co_count"))),
            Genres = ContractGeneric.GetStrings(record, "genres"),
        };
    }
}
