using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Serdes;

/// <summary>Experiment definitions on the compacted experiments topic and in its global store.</summary>
public sealed class ExperimentSerde : VersionedSerde<Experiment>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, Experiment e)
    {
        w.Write(e.Id);
        w.Write(e.Description);
        w.WriteList(e.Variants, static (w, v) =>
        {
            w.Write(v.Name);
            w.Write(v.Weight);
            w.Write(v.IsControl);
            w.WriteNullable(v.ModelVersion);
            w.Write(v.Recommender is not null);
            if (v.Recommender is { } r)
            {
                w.WriteNullable(r.MmrLambda);
                w.WriteNullable(r.MaxPerCreator);
                w.WriteNullable(r.CfRecencyFactor);
                w.Write(r.HybridWeights is not null);
                if (r.HybridWeights is { } h)
                {
                    w.Write(h.Cf);
                    w.Write(h.Content);
                    w.Write(h.Popular);
                }
            }
        });
        w.Write(e.Targeting.TrafficFraction);
        w.WriteStrings(e.Targeting.UserIds);
        w.Write(e.StartsAtMs);
        w.WriteNullable(e.EndsAtMs);
        w.Write(e.CreatedAtMs);
        w.WriteNullable(e.StoppedAtMs);
    }

    protected override Experiment Read(BinaryReader r) => new(
        r.ReadString(),
        r.ReadString(),
        r.ReadList(static r => new ExperimentVariant(
            r.ReadString(),
            r.ReadDouble(),
            r.ReadBoolean(),
            ModelVersion: r.ReadNullableString(),
            Recommender: r.ReadBoolean()
                ? new VariantRecommenderSettings(
                    r.ReadNullableDouble(),
                    r.ReadNullableInt(),
                    r.ReadNullableDouble(),
                    r.ReadBoolean() ? new BlendWeights(r.ReadDouble(), r.ReadDouble(), r.ReadDouble()) : null)
                : null)),
        new ExperimentTargeting(r.ReadDouble(), r.ReadStrings()),
        r.ReadInt64(),
        r.ReadNullableLong(),
        r.ReadInt64(),
        r.ReadNullableLong());
}

/// <summary>Served lists on their way through the attribution join (repartitioned by request id, kept in its window store).</summary>
public sealed class ExposureSerde : VersionedSerde<Exposure>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, Exposure e)
    {
        w.Write(e.RequestId);
        w.Write(e.UserId);
        w.WriteNullable(e.ExperimentId);
        w.WriteNullable(e.Variant);
        w.WriteNullable(e.ModelVersion);
        w.Write(e.Algorithm);
        w.WriteList(e.Items, static (w, i) =>
        {
            w.Write(i.ItemId);
            w.Write(i.Position);
        });
        w.Write(e.ServedAtMs);
    }

    protected override Exposure Read(BinaryReader r) => new(
        r.ReadString(),
        r.ReadString(),
        r.ReadNullableString(),
        r.ReadNullableString(),
        r.ReadNullableString(),
        r.ReadString(),
        r.ReadList(static r => new ServedItem(r.ReadString(), r.ReadInt32())),
        r.ReadInt64());
}

/// <summary>Feedback on its way through the attribution join.</summary>
public sealed class FeedbackSerde : VersionedSerde<Feedback>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, Feedback f)
    {
        w.Write(f.FeedbackId);
        w.Write(f.UserId);
        w.WriteNullable(f.RequestId);
        w.Write(f.ItemId);
        w.Write((int)f.Action);
        w.Write(f.Position);
        w.Write(f.OccurredAtMs);
    }

    protected override Feedback Read(BinaryReader r) => new(
        r.ReadString(), r.ReadString(), r.ReadNullableString(), r.ReadString(), (FeedbackAction)r.ReadInt32(), r.ReadInt32(), r.ReadInt64());
}

/// <summary>Experiment signals on the by-experiment repartition topic.</summary>
public sealed class ExperimentSignalSerde : VersionedSerde<ExperimentSignal>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ExperimentSignal s)
    {
        w.Write(s.ExperimentId);
        w.Write(s.Variant);
        w.Write((int)s.Kind);
        w.Write(s.Position);
        w.Write(s.Items);
    }

    protected override ExperimentSignal Read(BinaryReader r) => new(r.ReadString(), r.ReadString(), (SignalKind)r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
}

/// <summary>One window of an experiment's counts per variant.</summary>
public sealed class ExperimentCountsSerde : VersionedSerde<ExperimentCounts>
{
    protected override byte Version => 1;

    protected override void Write(BinaryWriter w, ExperimentCounts counts) =>
        w.WriteList(counts.Variants, static (w, kv) =>
        {
            w.Write(kv.Key);
            var c = kv.Value;
            w.Write(c.Exposures);
            w.Write(c.Impressions);
            w.Write(c.Clicks);
            w.Write(c.AddToCarts);
            w.Write(c.Purchases);
            w.Write(c.Dismissals);
            w.Write(c.Unattributed);
            w.WriteList(c.ImpressionsByPosition, static (w, n) => w.Write(n));
            w.WriteList(c.ClicksByPosition, static (w, n) => w.Write(n));
            w.WriteList(c.PurchasesByPosition, static (w, n) => w.Write(n));
        });

    protected override ExperimentCounts Read(BinaryReader r)
    {
        var counts = new ExperimentCounts();
        foreach (var (variant, c) in r.ReadList(ReadVariant))
        {
            counts.Variants[variant] = c;
        }

        return counts;
    }

    private static (string, VariantCounts) ReadVariant(BinaryReader r)
    {
        var name = r.ReadString();
        var c = new VariantCounts
        {
            Exposures = r.ReadInt64(),
            Impressions = r.ReadInt64(),
            Clicks = r.ReadInt64(),
            AddToCarts = r.ReadInt64(),
            Purchases = r.ReadInt64(),
            Dismissals = r.ReadInt64(),
            Unattributed = r.ReadInt64(),
        };
        c.ImpressionsByPosition.AddRange(ReadPositions(r));
        c.ClicksByPosition.AddRange(ReadPositions(r));
        c.PurchasesByPosition.AddRange(ReadPositions(r));
        return (name, c);
    }

    private static List<long> ReadPositions(BinaryReader r)
    {
        var positions = r.ReadList(static r => r.ReadInt64());
        return positions.Count <= VariantCounts.MaxPositions
            ? positions
            : throw new FormatException($"{positions.Count} positions exceed {VariantCounts.MaxPositions}");
    }
}
