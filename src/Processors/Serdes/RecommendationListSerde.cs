using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Serdes;

/// <summary>
/// Store value serde of <see cref="RecommendationList"/> (format version 1). The model version is an
/// optional trailing field, so lists stored before trained models existed still read (as no version).
/// </summary>
public sealed class RecommendationListSerde : VersionedSerde<RecommendationList>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, RecommendationList l)
    {
        w.Write(l.UserId);
        w.WriteList(l.Items, static (w, i) =>
        {
            w.Write(i.ItemId);
            w.Write(i.Score);
            w.Write((byte)i.Source);
            w.Write(i.Explanation);
        });
        w.Write((byte)l.Strategy);
        w.Write((byte)l.UserClass);
        w.Write(l.GeneratedAtMs);
        if (l.ModelVersion is { } version)
        {
            w.Write(version);
        }
    }

    protected override RecommendationList Read(BinaryReader r) => new(
        r.ReadString(),
        r.ReadList(static r => new RecommendedItem(r.ReadString(), r.ReadDouble(), (RecommendationSource)r.ReadByte(), r.ReadString())),
        (RecommendationStrategy)r.ReadByte(),
        (UserClass)r.ReadByte(),
        r.ReadInt64())
    {
        ModelVersion = r.BaseStream.Position < r.BaseStream.Length ? r.ReadString() : null,
    };
}
