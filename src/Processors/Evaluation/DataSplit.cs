using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// A train/test split of an interaction log. Every training interaction is an input signal; a held-out
/// interaction is relevant when <see cref="IsRelevant"/> says so (ratings ≥ the threshold, any other
/// non-dislike engagement).
/// </summary>
/// <remarks>
/// Events that share a timestamp are unordered: datasets with second resolution log several ratings in the
/// same second, and ordering them by id would let "the last one" be, say, the largest item id, which a
/// sequence model can learn. So a split never cuts through a second: the held-out part of a user starts
/// at a second boundary and takes the whole second. Within the training part, same-second events are
/// ordered by a seeded hash of their event id (<see cref="SameSecondOrder"/>): arbitrary but reproducible,
/// and unrelated to item ids.
/// </remarks>
public sealed class DataSplit
{
    private readonly Func<IEnumerable<EngagementEvent>, DataSplit> _resplit;

    private DataSplit(
        string protocol,
        List<EngagementEvent> train,
        Dictionary<string, List<EngagementEvent>> test,
        double relevanceThreshold,
        long? cutMs,
        Func<IEnumerable<EngagementEvent>, DataSplit> resplit)
    {
        Protocol = protocol;
        Train = train;
        Test = test;
        RelevanceThreshold = relevanceThreshold;
        CutMs = cutMs;
        _resplit = resplit;
    }

    /// <summary>leave-last-out, temporal, global-time or global-time-rolling.</summary>
    public string Protocol { get; }

    /// <summary>Training events in time order (same-second ties by <see cref="SameSecondOrder"/>).</summary>
    public IReadOnlyList<EngagementEvent> Train { get; }

    /// <summary>Held-out events per user (only users who also have training events).</summary>
    public IReadOnlyDictionary<string, List<EngagementEvent>> Test { get; }

    public double RelevanceThreshold { get; }

    /// <summary>The global-time protocol's cut: training events are before it, held-out ones at or after it.</summary>
    public long? CutMs { get; }

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

    /// <summary>
    /// The same protocol applied to the training part: what tuning may look at. Its held-out events all come
    /// before this split's (per user, or globally), so settings chosen on it never saw the reported test.
    /// </summary>
    public DataSplit Validation() => _resplit(Train);

    /// <summary>
    /// Per user, about the last <paramref name="testFraction"/> of interactions by time are held out: from
    /// the second of the event at that position on (at least one second, never all of them).
    /// </summary>
    public static DataSplit Temporal(IEnumerable<EngagementEvent> log, double testFraction = 0.2, double relevanceThreshold = 3.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1);
        return PerUser(
            "temporal",
            log,
            ordered => ordered[ordered.Count - Math.Clamp((int)Math.Ceiling(ordered.Count * testFraction), 1, ordered.Count - 1)].OccurredAtMs,
            relevanceThreshold,
            train => Temporal(train, testFraction, relevanceThreshold));
    }

    /// <summary>Per user, the latest second is held out: the last interaction and any that share its second.</summary>
    public static DataSplit LeaveLastOut(IEnumerable<EngagementEvent> log, double relevanceThreshold = 3.5) =>
        PerUser("leave-last-out", log, ordered => ordered[^1].OccurredAtMs, relevanceThreshold, train => LeaveLastOut(train, relevanceThreshold));

    /// <summary>
    /// One cut for everyone: the latest <paramref name="testFraction"/> of all events (from the second of the
    /// event at that position on) are held out, so every system learns only from the past. Scored users are
    /// those with events on both sides; users new after the cut are cold starts and are left out.
    /// </summary>
    public static DataSplit GlobalTime(IEnumerable<EngagementEvent> log, double testFraction = 0.2, double relevanceThreshold = 3.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1);
        var ordered = InTimeOrder(log);
        long? cut = ordered.Count < 2
            ? null
            : CutAtOrAfter(ordered, ordered[ordered.Count - Math.Clamp((int)Math.Ceiling(ordered.Count * testFraction), 1, ordered.Count - 1)].OccurredAtMs);
        var train = cut is { } c ? ordered.Where(e => e.OccurredAtMs < c).ToList() : ordered;
        var trainUsers = train.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal);
        var test = cut is { } t
            ? ordered.Where(e => e.OccurredAtMs >= t && trainUsers.Contains(e.UserId))
                .GroupBy(e => e.UserId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal)
            : new Dictionary<string, List<EngagementEvent>>(StringComparer.Ordinal);
        return new DataSplit("global-time", train, test, relevanceThreshold, cut, rest => GlobalTime(rest, testFraction, relevanceThreshold));
    }

    /// <summary>
    /// A rolling origin over global time: from <see cref="GlobalTime"/>'s cut on, the latest
    /// <paramref name="testFraction"/> of all events is divided into <paramref name="windows"/> windows of about
    /// equal event counts, each starting at the second of the event at its position. Window j's split trains on
    /// every event before its start and holds out its own events (up to the next window's start), so at every
    /// cut every system learns only from the past; a user is scored in each window they have events before and a
    /// relevant event inside. The first window's <see cref="Validation"/> is global-time's.
    /// </summary>
    public static IReadOnlyList<DataSplit> RollingOrigin(IEnumerable<EngagementEvent> log, double testFraction, int windows, double relevanceThreshold = 3.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windows);
        var ordered = InTimeOrder(log);
        var first = GlobalTime(ordered, testFraction, relevanceThreshold);
        if (first.CutMs is not { } start)
        {
            return [first];
        }

        var startIndex = ordered.FindIndex(e => e.OccurredAtMs >= start);
        var heldOut = ordered.Count - startIndex;
        var cuts = Enumerable.Range(0, windows)
            .Select(j => ordered[startIndex + (int)((long)j * heldOut / windows)].OccurredAtMs)
            .Distinct()
            .Append(long.MaxValue)
            .ToList();
        var splits = new List<DataSplit>(cuts.Count - 1);
        for (var j = 0; j + 1 < cuts.Count; j++)
        {
            var (from, to) = (cuts[j], cuts[j + 1]);
            var train = ordered.TakeWhile(e => e.OccurredAtMs < from).ToList();
            var trainUsers = train.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal);
            var test = ordered.Skip(train.Count).TakeWhile(e => e.OccurredAtMs < to).Where(e => trainUsers.Contains(e.UserId))
                .GroupBy(e => e.UserId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            splits.Add(new DataSplit("global-time-rolling", train, test, relevanceThreshold, from, rest => GlobalTime(rest, testFraction, relevanceThreshold)));
        }

        return splits;
    }

    /// <summary>
    /// The tie-break for events of the same millisecond: a seeded FNV-1a hash of the event id, so ties fall
    /// in an order that is reproducible but says nothing about the item.
    /// </summary>
    public static ulong SameSecondOrder(string eventId)
    {
        var hash = 14695981039346656037UL ^ 0x5EED_0F_17UL;
        foreach (var c in eventId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static List<EngagementEvent> InTimeOrder(IEnumerable<EngagementEvent> events) =>
        [.. events.OrderBy(e => e.OccurredAtMs).ThenBy(e => SameSecondOrder(e.EventId)).ThenBy(e => e.EventId, StringComparer.Ordinal)];

    /// <summary>
    /// The first timestamp at or after <paramref name="candidateMs"/> that leaves something before it; null
    /// when every event shares one timestamp.
    /// </summary>
    private static long? CutAtOrAfter(List<EngagementEvent> ordered, long candidateMs)
    {
        var first = ordered[0].OccurredAtMs;
        if (candidateMs > first)
        {
            return candidateMs;
        }

        return ordered.FirstOrDefault(e => e.OccurredAtMs > first) is { } next ? next.OccurredAtMs : null;
    }

    private static DataSplit PerUser(
        string protocol,
        IEnumerable<EngagementEvent> log,
        Func<List<EngagementEvent>, long> candidateCut,
        double relevanceThreshold,
        Func<IEnumerable<EngagementEvent>, DataSplit> resplit)
    {
        var train = new List<EngagementEvent>();
        var test = new Dictionary<string, List<EngagementEvent>>(StringComparer.Ordinal);
        foreach (var user in log.GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            var ordered = InTimeOrder(user);
            if (ordered.Count < 2 || CutAtOrAfter(ordered, candidateCut(ordered)) is not { } cut)
            {
                train.AddRange(ordered);
                continue;
            }

            train.AddRange(ordered.Where(e => e.OccurredAtMs < cut));
            test[user.Key] = ordered.Where(e => e.OccurredAtMs >= cut).ToList();
        }

        return new DataSplit(protocol, InTimeOrder(train), test, relevanceThreshold, null, resplit);
    }
}
