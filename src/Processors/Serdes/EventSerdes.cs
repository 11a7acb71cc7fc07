using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Serdes;

/// <summary>Binary serde of <see cref="EngagementEvent"/> for stores (format version 1); topics use Avro.</summary>
public sealed class EngagementEventSerde : VersionedSerde<EngagementEvent>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, EngagementEvent e) => w.Write(e);

    protected override EngagementEvent Read(BinaryReader r) => r.ReadEngagementEvent();
}

/// <summary>Store value serde of <see cref="PendingEvents"/> (format version 1).</summary>
public sealed class PendingEventsSerde : VersionedSerde<PendingEvents>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, PendingEvents p) => w.WriteList(p.Events, static (w, e) =>
    {
        w.Write(e.Event);
        w.Write(e.HeldSinceMs);
    });

    protected override PendingEvents Read(BinaryReader r) => new(r.ReadList(static r => new PendingEvent(r.ReadEngagementEvent(), r.ReadInt64())));
}

/// <summary>Store value serde of <see cref="CatalogItem"/> (format version 1).</summary>
public sealed class CatalogItemSerde : VersionedSerde<CatalogItem>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, CatalogItem i)
    {
        w.Write(i.ItemId);
        w.Write(i.Title);
        w.WriteStrings(i.Genres);
        w.WriteStrings(i.Creators);
        w.WriteNullable(i.Language);
        w.WriteStrings(i.Tags);
        w.WriteNullable(i.DurationSeconds);
        w.Write(i.Available);
        w.Write(i.UpdatedAt.ToUnixTimeMilliseconds());
    }

    protected override CatalogItem Read(BinaryReader r) => new(
        r.ReadString(),
        r.ReadString(),
        r.ReadStrings(),
        r.ReadStrings(),
        r.ReadNullableString(),
        r.ReadStrings(),
        r.ReadNullableDouble(),
        r.ReadBoolean(),
        DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()));
}

/// <summary>
/// Serde of <see cref="ItemUpdate"/> for the by-item repartition topic (format version 1). Kind 2 is a signal
/// with the pairs that ride with it; kinds 0 (a signal alone) and 1 (one pair), which the writer used before
/// pairs rode with signals, are still read, so records already in the topic are applied after an upgrade.
/// </summary>
public sealed class ItemUpdateSerde : VersionedSerde<ItemUpdate>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ItemUpdate u)
    {
        if (u.Signal is { } s)
        {
            w.Write((byte)2);
            w.Write(s.ItemId);
            w.Write(s.UserId);
            w.Write((int)s.Type);
            w.Write(s.Weight);
            w.Write(s.AtMs);
            w.WriteStrings(s.Genres);
            w.WriteList(u.Pairs, static (w, p) =>
            {
                w.Write(p.OtherItemId);
                w.Write(p.Weight);
                w.Write(p.AtMs);
            });
        }
        else
        {
            var p = u.Pairs[0];
            w.Write((byte)1);
            w.Write(p.ItemId);
            w.Write(p.OtherItemId);
            w.Write(p.Weight);
            w.Write(p.AtMs);
        }
    }

    protected override ItemUpdate Read(BinaryReader r) => r.ReadByte() switch
    {
        0 => ItemUpdate.Of(ReadSignal(r)),
        1 => ItemUpdate.Of(new CoVisitationPair(r.ReadString(), r.ReadString(), r.ReadDouble(), r.ReadInt64())),
        2 => ReadSignalWithPairs(r),
        var tag => throw new FormatException($"unknown item update kind {tag}"),
    };

    private static ItemSignal ReadSignal(BinaryReader r) =>
        new(r.ReadString(), r.ReadString(), (EventType)r.ReadInt32(), r.ReadDouble(), r.ReadInt64(), r.ReadStrings());

    private static ItemUpdate ReadSignalWithPairs(BinaryReader r)
    {
        var signal = ReadSignal(r);
        return ItemUpdate.Of(signal, r.ReadList(r => new CoVisitationPair(signal.ItemId, r.ReadString(), r.ReadDouble(), r.ReadInt64())));
    }
}

/// <summary>Serde of <see cref="RefreshRequest"/> (format version 1).</summary>
public sealed class RefreshRequestSerde : VersionedSerde<RefreshRequest>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, RefreshRequest r)
    {
        w.Write(r.UserId);
        w.Write(r.RequestedAt.ToUnixTimeMilliseconds());
    }

    protected override RefreshRequest Read(BinaryReader r) => new(r.ReadString(), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()));
}
