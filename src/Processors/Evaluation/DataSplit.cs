using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// A train/test split of an interaction log. Every training interaction is an input signal; a held-out
/// interaction is relevant when <see cref="IsRelevant"/> says so (ratings ≥ the threshold, any other
/// non-dislike engagement).
/// </summary>
public sealed class DataSplit
{
    private DataSplit(List<EngagementEvent> train, Dictionary<string, List<EngagementEvent>> test, double relevanceThreshold)
    {
        Train = train;
        Test = test;
        RelevanceThreshold = relevanceThreshold;
    }

    /// <summary>Training events in time order (ties by event id).</summary>
    public IReadOnlyList<EngagementEvent> Train { get; }

    /// <summary>Held-out events per user.</summary>
    public IReadOnlyDictionary<string, List<EngagementEvent>> Test { get; }

    public double RelevanceThreshold { get; }

    public bool IsRelevant(EngagementEvent e) => e.Type switch
    {
        EventType.Rating => e.Rating >= RelevanceThreshold,
        EventType.Dislike or EventType.Unknown => false,
        _ => true,
    };

    /// <summary>The user's relevant held-out items.</summary>
    public HashSet<string> RelevantItems(string userId) =>
        Test.TryGetValue(userId, out var events)
            ? events.Where(IsRelevant).Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>Per user, the last <paramref name="testFraction"/> of interactions by time are held out (at least one, never all).</summary>
    public static DataSplit Temporal(IEnumerable<EngagementEvent> log, double testFraction = 0.2, double relevanceThreshold = 3.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1);
        return Split(log, n => Math.Clamp((int)Math.Ceiling(n * testFraction), 1, n - 1), relevanceThreshold);
    }

    /// <summary>Per user, the single latest interaction is held out.</summary>
    public static DataSplit LeaveLastOut(IEnumerable<EngagementEvent> log, double relevanceThreshold = 3.5) =>
        Split(log, _ => 1, relevanceThreshold);

    private static DataSplit Split(IEnumerable<EngagementEvent> log, Func<int, int> heldOut, double relevanceThreshold)
    {
        var train = new List<EngagementEvent>();
        var test = new Dictionary<string, List<EngagementEvent>>(StringComparer.Ordinal);
        foreach (var user in log.GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            var ordered = user.OrderBy(e => e.OccurredAtMs).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
            if (ordered.Count < 2)
            {
                train.AddRange(ordered);
                continue;
            }

            var testCount = heldOut(ordered.Count);
            train.AddRange(ordered.Take(ordered.Count - testCount));
            test[user.Key] = ordered.Skip(ordered.Count - testCount).ToList();
        }

        train.Sort(static (a, b) => a.OccurredAtMs != b.OccurredAtMs
            ? a.OccurredAtMs.CompareTo(b.OccurredAtMs)
            : string.CompareOrdinal(a.EventId, b.EventId));
        return new DataSplit(train, test, relevanceThreshold);
    }
}
