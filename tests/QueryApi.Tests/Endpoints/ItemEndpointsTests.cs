using System.Net;
using System.Text.Json;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class ItemEndpointsTests
{
    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();

    [Fact]
    public async Task Similar_items_are_the_item_stats_neighbours_with_titles_most_similar_first()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/items/m1/similar?limit=1", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await Json(response)).GetProperty("items").EnumerateArray().ToList();
        var only = Assert.Single(items);
        Assert.Equal("m2", only.GetProperty("item_id").GetString());
        Assert.Equal("Title m2", only.GetProperty("title").GetString());
        Assert.Equal(0.9, only.GetProperty("similarity").GetDouble());
        Assert.Equal(12, only.GetProperty("co_visitation_weight").GetDouble());
        Assert.False(only.TryGetProperty("co_count", out _), "a decayed weight is not a count");
    }

    [Fact]
    public async Task Similar_items_of_an_unknown_item_get_404()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/items/nope/similar", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Similar_items_need_a_token()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get("/items/m1/similar", token: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Trending_lists_the_index_overall_and_per_genre_most_popular_first()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var token = QueryEndpointsHost.TokenFor("alice");

        var overall = await Ids(await host.Get("/trending?limit=3", token));
        var comedy = await Ids(await host.Get("/trending?genre=Comedy", token));

        Assert.Equal(["m1", "m2", "m3"], overall);
        Assert.Equal(["m3", "m4"], comedy);
    }

    [Fact]
    public async Task The_trending_genre_is_matched_ignoring_case()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var token = QueryEndpointsHost.TokenFor("alice");

        Assert.Equal(["m3", "m4"], await Ids(await host.Get("/trending?genre=comedy", token)));
        Assert.Equal(["m3", "m4"], await Ids(await host.Get("/trending?genre=COMEDY", token)));
    }

    [Fact]
    public async Task Trending_in_a_window_ranks_by_that_windows_popularity_and_leaves_out_items_without_any()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/trending?window=1h", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(["m2", "m3", "m1"], await Ids(response));
    }

    [Theory]
    [InlineData("/trending?window=2h")]
    [InlineData("/trending?limit=101")]
    [InlineData("/items/m1/similar?limit=abc")]
    public async Task Bad_window_or_limit_gets_400(string path)
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get(path, QueryEndpointsHost.TokenFor("alice")), HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();

    private static async Task<List<string?>> Ids(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json(response)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item_id").GetString())];
    }
}
