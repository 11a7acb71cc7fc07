using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Items;

/// <summary>
/// One item's popularity inside one window: event count and a weighted score in which later events
/// count more (decayed with a half-life of a fraction of the window, valued at the newest event).
/// </summary>
public sealed record WindowAggregate(DecayedScore Score, long Events)
{
    public static WindowAggregate Empty { get; } = new(DecayedScore.Zero, 0);

    public WindowAggregate Add(double weight, long atMs, double halfLifeMs) =>
        new(Score.Add(weight, atMs, halfLifeMs), Events + 1);
}
