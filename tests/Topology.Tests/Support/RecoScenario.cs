using RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Tests.Support;

/// <summary>
/// The small hand-checked scenario shared by the topology and end-to-end tests: six items in two genres,
/// and two users whose views make the co-visitation plain. Bob watched the three dramas d1, d2, d3 in one
/// session, so d1's neighbours are d2 and d3; Alice watched only d1, so her list must lead with d2/d3
/// (explained by d1), never contain d1, and rank the comedies below the dramas.
/// </summary>
public static class RecoScenario
{
    public const string Alice = "alice";
    public const string Bob = "bob";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Dramas { get; } = ["d1", "d2", "d3"];

    public static IReadOnlyList<string> Comedies { get; } = ["c1", "c2", "c3"];

    public static IReadOnlyList<CatalogItem> Catalog { get; } =
    [
        Item("d1", "Drama", "Director A"),
        Item("d2", "Drama", "Director A"),
        Item("d3", "Drama", "Director B"),
        Item("c1", "Comedy", "Director C"),
        Item("c2", "Comedy", "Director C"),
        Item("c3", "Comedy", "Director D"),
    ];

    /// <summary>Bob's session (d1, d2, d3) and a comedy by another user so every genre has popularity.</summary>
    public static IReadOnlyList<EngagementEvent> BackgroundEvents { get; } = BackgroundEventsAt(T0);

    /// <summary>Alice watched d1 five times: enough interactions to be a casual user, so CF leads her blend.</summary>
    public static IReadOnlyList<EngagementEvent> AliceEvents { get; } = AliceEventsAt(T0.AddMinutes(10));

    public static IReadOnlyList<EngagementEvent> BackgroundEventsAt(DateTimeOffset start) =>
    [
        View(Bob, "d1", start),
        View(Bob, "d2", start.AddMinutes(1)),
        View(Bob, "d3", start.AddMinutes(2)),
        View("carol", "c1", start.AddMinutes(3)),
    ];

    /// <summary>Alice's five views of d1, a millisecond apart from <paramref name="start"/>.</summary>
    public static IReadOnlyList<EngagementEvent> AliceEventsAt(DateTimeOffset start) =>
        [.. Enumerable.Range(0, 5).Select(i => View(Alice, "d1", start.AddMilliseconds(i)))];

    public static CatalogItem Item(string id, string genre, string creator) =>
        new(id, "Title " + id, [genre], [creator], "en", [], 5400, true, T0);

    /// <param name="minute">Minutes after <see cref="T0"/>.</param>
    public static EngagementEvent View(string user, string item, int minute, EventType type = EventType.View, double? rating = null) =>
        View(user, item, T0.AddMinutes(minute), type, rating);

    /// <summary>An event whose id is a UUID derived from user, item and time, so replays stay duplicates.</summary>
    public static EngagementEvent View(string user, string item, DateTimeOffset at, EventType type = EventType.View, double? rating = null) =>
        new(DeterministicId(user, item, at.ToUnixTimeMilliseconds()).ToString("D"), user, item, type, at, rating);

    private static Guid DeterministicId(string user, string item, long atMs)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{user}|{item}|{atMs}"));
        return new Guid(bytes.AsSpan(0, 16));
    }
}
