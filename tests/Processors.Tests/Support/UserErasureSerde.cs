using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Serdes;

namespace RecoStreams.Processors.Tests.Support;

/// <summary>
/// Carries a <see cref="UserErasure"/> through a test topology's sink. Production writes it as the UserErased
/// Avro contract (src/Topology), which this project does not reference.
/// </summary>
internal sealed class UserErasureSerde : VersionedSerde<UserErasure>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, UserErasure e)
    {
        w.Write(e.UserIdHash);
        w.Write((int)e.Reason);
        w.Write(e.RequestedAtMs);
        w.Write(e.ErasedAtMs);
        w.Write(e.EntriesRemoved);
    }

    protected override UserErasure Read(BinaryReader r) => new(r.ReadString(), (ErasureReason)r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32());
}
