using System.Text;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Processors.Tests.Support;

/// <summary>
/// Carries a <see cref="RecommendationUpdate"/> through a test topology's sink. Production writes it as the
/// RecommendationUpdated Avro contract (src/Topology), which this project does not reference.
/// </summary>
internal sealed class RecommendationUpdateSerde : ISerde<RecommendationUpdate>
{
    private readonly RecommendationListSerde _lists = new();

    public byte[] Serialize(RecommendationUpdate value, in SerdeContext context)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var list = _lists.Serialize(value.List, context);
            writer.Write(list.Length);
            writer.Write(list);
            writer.Write((int)value.Trigger);
            writer.Write(value.PreviousItemIds.Count);
            foreach (var id in value.PreviousItemIds)
            {
                writer.Write(id);
            }
        }

        return stream.ToArray();
    }

    public RecommendationUpdate Deserialize(ReadOnlySpan<byte> data, in SerdeContext context)
    {
        using var reader = new BinaryReader(new MemoryStream(data.ToArray()), Encoding.UTF8);
        var list = _lists.Deserialize(reader.ReadBytes(reader.ReadInt32()), context);
        var trigger = (RecomputeTrigger)reader.ReadInt32();
        var previous = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToList();
        return new RecommendationUpdate(list, previous, trigger);
    }
}
