using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Serdes;

/// <summary>Store value serde of <see cref="ItemStats"/> (format version 1).</summary>
public sealed class ItemStatsSerde : VersionedSerde<ItemStats>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ItemStats s)
    {
        w.Write(s.ItemId);
        w.Write(s.UpdatedAtMs);
        w.WriteList(s.Windows, static (w, x) =>
        {
            w.Write(x.SizeMs);
            w.Write(x.StartMs);
            w.Write(x.Score);
            w.Write(x.Events);
        });
        w.Write(s.DecayedPopularity);
        w.Write(s.DecayedCount);
        w.WriteList(s.Neighbours, static (w, n) =>
        {
            w.Write(n.ItemId);
            w.Write(n.Similarity);
            w.Write(n.CoCount);
        });
        w.WriteStrings(s.Genres);
    }

    protected override ItemStats Read(BinaryReader r) => new(
        r.ReadString(),
        r.ReadInt64(),
        r.ReadList(static r => new WindowedPopularity(r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64())),
        r.ReadDouble(),
        r.ReadDouble(),
        r.ReadList(static r => new Neighbour(r.ReadString(), r.ReadDouble(), r.ReadDouble())),
        r.ReadStrings());
}
