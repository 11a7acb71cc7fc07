using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// One time cut for everyone: the events before it train, the events from it on are held out, so no model
/// learns from a held-out user's future or anyone else's. A held-out user has events before the cut and at
/// least one relevant item after it that they had not engaged with before (a rating of at least 3.5, or any
/// other positive event); those items are what a list should find.
/// </summary>
public sealed class HoldoutSplit
{
    private const double RelevantRating = 3.5;

    private HoldoutSplit(IReadOnlyList<EngagementEvent> train, IReadOnlyDictionary<string, HashSet<string>> relevant, long cutMs)
    {
        Train = train;
        Relevant = relevant;
        CutMs = cutMs;
    }

    /// <summary>The events before the cut, in time order.</summary>
    public IReadOnlyList<EngagementEvent> Train { get; }

    /// <summary>Per held-out user (in ordinal order of id), the items a list should find.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Relevant { get; }

    public long CutMs { get; }

    /// <param name="events">The history, sorted by time.</param>
    /// <param name="holdoutFraction">Share of the events at or after the cut, in (0, 1); all events of the cut's millisecond are held out.</param>
    /// <param name="maxUsers">Held-out users kept at most (the first in ordinal order of id), to bound the evaluation's time.</param>
    public static HoldoutSplit Cut(IReadOnlyList<EngagementEvent> events, double holdoutFraction, int maxUsers)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!(holdoutFraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "The held-out share must lie in (0, 1).");
        }

        if (events.Count < 2)
        {
            return new HoldoutSplit(events, new Dictionary<string, HashSet<string>>(), long.MaxValue);
        }

        var cutMs = events[(int)Math.Min(events.Count - 1, Math.Floor(events.Count * (1 - holdoutFraction)))].OccurredAtMs;
        var train = new List<EngagementEvent>();
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var relevant = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.OccurredAtMs < cutMs)
            {
                train.Add(e);
                if (!seen.TryGetValue(e.UserId, out var items))
                {
                    seen[e.UserId] = items = new HashSet<string>(StringComparer.Ordinal);
                }

                items.Add(e.ItemId);
            }
        }

        foreach (var e in events)
        {
            if (e.OccurredAtMs >= cutMs && IsRelevant(e) && seen.TryGetValue(e.UserId, out var before) && !before.Contains(e.ItemId))
            {
                if (!relevant.TryGetValue(e.UserId, out var items))
                {
                    relevant[e.UserId] = items = new HashSet<string>(StringComparer.Ordinal);
                }

                items.Add(e.ItemId);
            }
        }

        return new HoldoutSplit(train, relevant.Take(maxUsers).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), cutMs);
    }

    private static bool IsRelevant(EngagementEvent e) => e.Type switch
    {
        EventType.Rating => e.Rating >= RelevantRating,
        EventType.Dislike or EventType.Unknown => false,
        _ => true,
    };
}
