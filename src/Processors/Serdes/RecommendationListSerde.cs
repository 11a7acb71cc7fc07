using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Serdes;

/// <summary>
/// Store value serde of <see cref="RecommendationList"/>. Format 2 adds the model version the list was built
/// with; format 1 (lists stored before trained models existed) still reads, as no version.
/// </summary>
public sealed class RecommendationListSerde : VersionedSerde<RecommendationList>
{
    protected override byte Version => 2;

    protected override byte OldestReadableVersion => 1;

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
        w.WriteNullable(l.ModelVersion);
    }

    protected override RecommendationList Read(BinaryReader r) => Read(r, Version);

    protected override RecommendationList Read(BinaryReader r, byte version) => new(
        r.ReadString(),
        r.ReadList(static r => new RecommendedItem(r.ReadString(), r.ReadDouble(), (RecommendationSource)r.ReadByte(), r.ReadString())),
        (RecommendationStrategy)r.ReadByte(),
        (UserClass)r.ReadByte(),
        r.ReadInt64())
    {
        ModelVersion = version >= 2 ? r.ReadNullableString() : null,
    };
}
