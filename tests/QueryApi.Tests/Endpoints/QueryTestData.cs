using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>Small, readable domain values for the endpoint tests.</summary>
internal static class QueryTestData
{
    public static long NowMs => QueryEndpointsHost.Now.ToUnixTimeMilliseconds();

    public static RecommendationList List(string userId, int count) =>
        new(
            userId,
            [.. Enumerable.Range(1, count).Select(i => new RecommendedItem($"item-{i}", 1.0 / i, RecommendationSource.Cf, $"because you watched item-{i + 100}"))],
            RecommendationStrategy.Hybrid,
            UserClass.Active,
            NowMs - 1000);

    public static UserProfile Profile(string userId)
    {
        var profile = new UserProfile(userId, seenExactCapacity: 16, seenBloomBits: 256, dislikedCapacity: 8);
        profile.Genres["Drama"] = new DecayedScore(5, NowMs);
        profile.Genres["Comedy"] = new DecayedScore(2, NowMs);
        profile.Genres["Horror"] = new DecayedScore(1, NowMs);
        profile.Creators["Nolan"] = new DecayedScore(3, NowMs);
        profile.Counts[EventType.View] = 7;
        profile.Counts[EventType.AddToCart] = 1;
        profile.FirstEngagementMs = NowMs - 86_400_000;
        profile.LastEngagementMs = NowMs - 60_000;
        return profile;
    }

    public static CatalogItem Item(string itemId, string title, string genre) =>
        new(itemId, title, [genre], ["creator-" + itemId], "en", [], 5400, Available: true, QueryEndpointsHost.Now.AddDays(-10));

    public static ItemStats Stats(string itemId, IReadOnlyList<Neighbour>? neighbours = null, double oneHourScore = 0) =>
        new(
            itemId,
            NowMs,
            oneHourScore > 0 ? [new WindowedPopularity(3_600_000, NowMs - 1_800_000, oneHourScore, 10)] : [],
            DecayedPopularity: 1,
            DecayedCount: 1,
            neighbours ?? [],
            ["Drama"]);

    /// <summary>A catalogue of Drama and Comedy items with trending scores, for cold starts and /trending.</summary>
    public static InMemoryRecommendationQueries WithCatalog()
    {
        var queries = new InMemoryRecommendationQueries();
        (string Id, string Genre, double Popularity, double OneHour)[] items =
        [
            ("m1", "Drama", 50, 1),
            ("m2", "Drama", 40, 9),
            ("m3", "Comedy", 30, 5),
            ("m4", "Comedy", 20, 0),
        ];
        foreach (var (id, genre, popularity, oneHour) in items)
        {
            queries.Catalog[id] = Item(id, "Title " + id, genre);
            queries.Stats[id] = Stats(id, oneHourScore: oneHour);
            queries.Trending.Update(id, popularity, NowMs, [Processors.Items.TrendingIndex.Genre(genre)]);
        }

        queries.Stats["m1"] = Stats("m1", [new Neighbour("m2", 0.9, 12), new Neighbour("m3", 0.4, 3)], oneHourScore: 1);
        return queries;
    }
}
