using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Tests.Harness;

/// <summary>
/// Test rows whose content is a function of (key, version), so "the newest row per key" is unambiguous
/// even when the same version of a key appears in several batches (replays).
/// </summary>
internal static class TestRows
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static RecommendationRow Recommendation(string user, int minute) =>
        new(
            user,
            [.. Enumerable.Range(1, 1 + (minute % 3)).Select(rank =>
                new RecommendedItem($"item-{user}-{minute}-{rank}", 1.0 / rank + minute, rank % 2 == 0 ? "cf" : "content", rank, $"because you watched {minute}"))],
            Epoch.AddMinutes(minute),
            $"hybrid-v{minute}",
            minute % 2 == 0 ? "active" : "casual");

    public static UserFeaturesRow Features(string user, int minute) =>
        new(
            user,
            new Dictionary<string, double> { ["drama"] = minute * 0.25, [$"genre-{minute % 4}"] = 1.5 },
            new Dictionary<string, double> { [$"creator-{user}"] = minute },
            minute % 3 == 0 ? null : Epoch.AddMinutes(minute - 1),
            Epoch.AddMinutes(minute));

    public static ItemPopularityRow Popularity(string item, string window, int windowIndex, int minute) =>
        new(
            item,
            window,
            (windowIndex * 100) + (minute * 0.1),
            Epoch.AddHours(windowIndex),
            Epoch.AddHours(windowIndex + 1),
            Epoch.AddMinutes(minute));
}
