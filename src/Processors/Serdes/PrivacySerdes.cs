using RecoStreams.Processors.Privacy;

namespace RecoStreams.Processors.Serdes;

/// <summary>Serde of <see cref="EraseRequest"/> (format version 1), the erase-requests topic's value.</summary>
public sealed class EraseRequestSerde : VersionedSerde<EraseRequest>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, EraseRequest r)
    {
        w.Write(r.UserId);
        w.Write((byte)r.Reason);
        w.Write(r.RequestedAtMs);
    }

    protected override EraseRequest Read(BinaryReader r) => new(r.ReadString(), ReadReason(r.ReadByte()), r.ReadInt64());

    private static ErasureReason ReadReason(byte value) =>
        Enum.IsDefined((ErasureReason)value) ? (ErasureReason)value : throw new FormatException($"unknown erasure reason {value}");
}

/// <summary>Serde of <see cref="ConsentRecord"/> (format version 1) for the consents global store.</summary>
public sealed class ConsentRecordSerde : VersionedSerde<ConsentRecord>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ConsentRecord c)
    {
        w.Write(c.UserId);
        w.Write(c.Personalisation);
        w.Write(c.UpdatedAtMs);
    }

    protected override ConsentRecord Read(BinaryReader r) => new(r.ReadString(), r.ReadBoolean(), r.ReadInt64());
}
