using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Serdes;

/// <summary>Store value serde of <see cref="ItemAggregate"/> (format version 1).</summary>
public sealed class ItemAggregateSerde : VersionedSerde<ItemAggregate>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ItemAggregate a)
    {
        w.Write(a.ItemId);
        w.Write(a.Popularity);
        w.Write(a.Count);
        w.WriteStrings(a.Genres);
        w.WriteScores(a.CoCounts);
    }

    protected override ItemAggregate Read(BinaryReader r)
    {
        var aggregate = new ItemAggregate(r.ReadString())
        {
            Popularity = r.ReadDecayedScore(),
            Count = r.ReadDecayedScore(),
            Genres = r.ReadStrings(),
        };
        r.ReadScoresInto(aggregate.CoCounts);
        return aggregate;
    }
}

/// <summary>Window store value serde of <see cref="WindowAggregate"/> (format version 1).</summary>
public sealed class WindowAggregateSerde : VersionedSerde<WindowAggregate>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, WindowAggregate a)
    {
        w.Write(a.Score);
        w.Write(a.Events);
    }

    protected override WindowAggregate Read(BinaryReader r) => new(r.ReadDecayedScore(), r.ReadInt64());
}

/// <summary>Store value serde of a bare <see cref="Affinity.DecayedScore"/> (format version 1).</summary>
public sealed class DecayedScoreSerde : VersionedSerde<Affinity.DecayedScore>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, Affinity.DecayedScore score) => w.Write(score);

    protected override Affinity.DecayedScore Read(BinaryReader r) => r.ReadDecayedScore();
}
