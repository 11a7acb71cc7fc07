using RecoStreams.Processors.Recommending;
using RecoStreams.QueryApi.Http;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>Re-ranks the trending index's candidates by their popularity inside one window size.</summary>
internal static class WindowPopularity
{
    /// <summary>
    /// Candidates taken from the decayed index per requested item: the index holds the recently popular
    /// items, which is where the best items of any recent window are, without scanning the whole item-stats table.
    /// </summary>
    private const int CandidatesPerItem = 5;

    public static TimeSpan SizeOf(RecommendationWindow window) => window switch
    {
        RecommendationWindow.TwentyFourHours => TimeSpan.FromHours(24),
        _ => TimeSpan.FromHours(1),
    };

    public static IReadOnlyList<(string ItemId, double Popularity)> Rank(
        IRecommendationInputs inputs, string facet, TimeSpan size, int count, long nowMs) =>
        [.. inputs.Trending.Top(facet, count * CandidatesPerItem, nowMs)
            .Select(c => (c.ItemId, Popularity: ScoreIn(inputs, c.ItemId, (long)size.TotalMilliseconds, nowMs)))
            .Where(c => c.Popularity > 0)
            .OrderByDescending(c => c.Popularity)
            .ThenBy(c => c.ItemId, StringComparer.Ordinal)
            .Take(count)];

    /// <summary>
    /// The score of the oldest still-open hopping window of that size: of the overlapping windows it is the
    /// one covering most of the last <paramref name="sizeMs"/>. Zero when the item has none (nothing recent).
    /// </summary>
    private static double ScoreIn(IRecommendationInputs inputs, string itemId, long sizeMs, long nowMs) =>
        inputs.FindStats(itemId)?.Windows
            .Where(w => w.SizeMs == sizeMs && w.StartMs <= nowMs && w.StartMs + w.SizeMs > nowMs)
            .OrderBy(w => w.StartMs)
            .Select(w => w.Score)
            .FirstOrDefault() ?? 0;
}
