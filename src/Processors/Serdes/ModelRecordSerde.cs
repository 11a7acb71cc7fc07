using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Processors.Serdes;

/// <summary>Value serde of the models topic and its global store (format version 1; a kind byte, then the record).</summary>
public sealed class ModelRecordSerde : VersionedSerde<ModelRecord>
{
    private const byte ManifestKind = 1;
    private const byte NeighboursKind = 2;
    private const byte ActivationKind = 3;

    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ModelRecord value)
    {
        switch (value)
        {
            case ModelManifestRecord m:
                w.Write(ManifestKind);
                WriteVersion(w, m.Version);
                break;
            case ModelNeighboursRecord n:
                w.Write(NeighboursKind);
                w.Write(n.VersionId);
                w.Write(n.ItemId);
                w.WriteList(n.Neighbours, static (w, x) =>
                {
                    w.Write(x.ItemId);
                    w.Write(x.Similarity);
                    w.Write(x.CoCount);
                });
                break;
            case ModelActivationRecord a:
                w.Write(ActivationKind);
                w.Write(a.Activation.VersionId);
                w.Write(a.Activation.ActivatedAtMs);
                w.Write(a.Activation.ActivatedBy);
                w.Write(a.Activation.Reason);
                w.Write(a.Activation.Override);
                break;
            default:
                throw new ArgumentException($"Unknown model record {value.GetType().Name}.", nameof(value));
        }
    }

    protected override ModelRecord Read(BinaryReader r) => r.ReadByte() switch
    {
        ManifestKind => new ModelManifestRecord(ReadVersion(r)),
        NeighboursKind => new ModelNeighboursRecord(
            r.ReadString(), r.ReadString(), r.ReadList(static r => new Neighbour(r.ReadString(), r.ReadDouble(), r.ReadDouble()))),
        ActivationKind => new ModelActivationRecord(new ModelActivation(r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadBoolean())),
        var kind => throw new FormatException($"unknown model record kind {kind}"),
    };

    private static void WriteVersion(BinaryWriter w, ModelVersion v)
    {
        w.Write(v.Id);
        w.Write(v.ModelType);
        w.Write((byte)v.Status);
        w.Write(v.CreatedAtMs);
        w.Write(v.ArtefactItems);
        w.WriteNullable(v.Error);
        w.Write(v.Lineage is not null);
        if (v.Lineage is { } l)
        {
            w.Write(l.DataStartMs);
            w.Write(l.DataEndMs);
            w.Write(l.HoldoutStartMs);
            w.Write(l.Events);
            w.Write(l.CodeVersion);
            w.WriteList([.. l.Parameters], static (w, p) =>
            {
                w.Write(p.Key);
                w.Write(p.Value);
            });
            w.WriteNullable(l.ChampionId);
        }

        w.Write(v.Evaluation is not null);
        if (v.Evaluation is { } e)
        {
            WriteMetrics(w, e.Candidate);
            w.Write(e.Champion is not null);
            if (e.Champion is { } champion)
            {
                WriteMetrics(w, champion);
            }

            w.Write(e.NdcgDifference is not null);
            if (e.NdcgDifference is { } d)
            {
                w.Write(d.Mean);
                w.Write(d.StandardError);
                w.Write(d.Lower);
                w.Write(d.Upper);
            }
        }

        w.Write(v.Gate is not null);
        if (v.Gate is { } g)
        {
            w.Write(g.Passed);
            w.Write(g.Reason);
        }
    }

    private static ModelVersion ReadVersion(BinaryReader r)
    {
        var id = r.ReadString();
        var type = r.ReadString();
        var status = (ModelStatus)r.ReadByte();
        if (!Enum.IsDefined(status))
        {
            throw new FormatException($"unknown model status {(byte)status}");
        }

        var createdAtMs = r.ReadInt64();
        var artefactItems = r.ReadInt32();
        var error = r.ReadNullableString();
        ModelLineage? lineage = r.ReadBoolean()
            ? new ModelLineage(
                r.ReadInt64(),
                r.ReadInt64(),
                r.ReadInt64(),
                r.ReadInt32(),
                r.ReadString(),
                r.ReadList(static r => (r.ReadString(), r.ReadString())).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                r.ReadNullableString())
            : null;
        ModelEvaluation? evaluation = r.ReadBoolean()
            ? new ModelEvaluation(
                ReadMetrics(r),
                r.ReadBoolean() ? ReadMetrics(r) : null,
                r.ReadBoolean() ? new MetricDifference(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble()) : null)
            : null;
        GateDecision? gate = r.ReadBoolean() ? new GateDecision(r.ReadBoolean(), r.ReadString()) : null;
        return new ModelVersion(id, type, status, createdAtMs, lineage, evaluation, gate, error) { ArtefactItems = artefactItems };
    }

    private static void WriteMetrics(BinaryWriter w, HoldoutMetrics m)
    {
        w.Write(m.Users);
        w.Write(m.NdcgAt10);
        w.Write(m.MapAt10);
        w.Write(m.Coverage);
    }

    private static HoldoutMetrics ReadMetrics(BinaryReader r) => new(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
}
