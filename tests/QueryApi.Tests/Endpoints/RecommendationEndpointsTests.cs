using System.Net;
using System.Text.Json;
using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class RecommendationEndpointsTests
{
    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();

    [Fact]
    public async Task Stored_list_is_served_as_a_snake_case_page_with_ranks()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 12);
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/alice?limit=5&offset=10", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("alice", body.GetProperty("user_id").GetString());
        Assert.Equal("hybrid", body.GetProperty("strategy").GetString());
        Assert.Equal("active", body.GetProperty("user_class").GetString());
        Assert.False(body.GetProperty("cold_start").GetBoolean());
        Assert.Equal(12, body.GetProperty("total").GetInt32());
        Assert.Equal(QueryEndpointsHost.Now.AddSeconds(-1), body.GetProperty("generated_at").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("algorithm").GetString()));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([11, 12], items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Equal(["item-11", "item-12"], items.Select(i => i.GetProperty("item_id").GetString()));
        Assert.Equal("cf", items[0].GetProperty("source").GetString());
        Assert.Equal("because you watched item-111", items[0].GetProperty("explanation").GetString());
        Assert.Equal(1.0 / 11, items[0].GetProperty("score").GetDouble(), 9);
    }

    [Fact]
    public async Task List_items_carry_their_catalog_titles()
    {
        _queries.Lists["alice"] = new RecommendationList(
            "alice", [new RecommendedItem("m2", 0.5, RecommendationSource.Cf, "because you watched m1")], RecommendationStrategy.Hybrid, UserClass.Active, QueryTestData.NowMs);
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var body = await Json(await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice")));

        Assert.Equal("Title m2", body.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_stored_list_of_a_cold_start_user_says_cold_start()
    {
        _queries.Lists["newcomer"] = QueryTestData.List("newcomer", 3) with { UserClass = UserClass.ColdStart, Strategy = RecommendationStrategy.PopularFallback };
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var body = await Json(await host.Get("/recommendations/newcomer", QueryEndpointsHost.TokenFor("newcomer")));

        Assert.Equal("cold_start", body.GetProperty("user_class").GetString());
        Assert.True(body.GetProperty("cold_start").GetBoolean());
    }

    [Fact]
    public async Task Unknown_user_gets_a_cold_start_list_of_popular_items()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/newcomer", QueryEndpointsHost.TokenFor("newcomer"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.True(body.GetProperty("cold_start").GetBoolean());
        Assert.Equal("cold_start", body.GetProperty("user_class").GetString());
        Assert.Equal("popular_fallback", body.GetProperty("strategy").GetString());
        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item_id").GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id!, _queries.Catalog.Keys));
    }

    [Fact]
    public async Task A_stored_empty_list_is_replaced_by_one_computed_now_from_the_profile()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 0);
        var profile = QueryTestData.Profile("alice");
        // Enough positive interactions to leave the cold-start class: cold_start must follow the class.
        profile.PositiveInteractions = 8;
        _queries.Profiles["alice"] = profile;
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.NotEqual("cold_start", body.GetProperty("user_class").GetString());
        Assert.False(body.GetProperty("cold_start").GetBoolean());
        Assert.NotEmpty(body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Request_without_token_gets_401()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get("/recommendations/alice", token: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reading_another_users_recommendations_gets_403_but_an_admin_may()
    {
        _queries.Lists["bob"] = QueryTestData.List("bob", 3);
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var asAlice = await host.Get("/recommendations/bob", QueryEndpointsHost.TokenFor("alice"));
        var asAdmin = await host.Get("/recommendations/bob", QueryEndpointsHost.TokenFor("ops", admin: true));

        await ProblemAssert.IsProblem(asAlice, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task Bad_limit_and_offset_get_one_400_listing_both()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/alice?limit=0&offset=-1", QueryEndpointsHost.TokenFor("alice"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("limit", out _));
        Assert.True(errors.TryGetProperty("offset", out _));
    }

    [Fact]
    public async Task User_whose_partition_is_not_hosted_here_gets_503_with_retry_after_not_a_cold_start()
    {
        _queries.NotLocal.Add("alice");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Queries_during_a_rebalance_get_503()
    {
        _queries.Rebalancing = true;
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Caller_over_the_rate_limit_gets_429()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 3);
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher, permitLimit: 2);
        var token = QueryEndpointsHost.TokenFor("alice");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await host.Get("/recommendations/alice", token)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Bulk_answers_each_user_and_names_those_whose_partition_is_elsewhere()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 3);
        _queries.NotLocal.Add("bob");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw(
            "/recommendations/bulk", QueryEndpointsHost.TokenFor("ops", admin: true), """{"user_ids": ["alice", "bob", "carol"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var results = body.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("user_id").GetString()!, r => r.GetProperty("cold_start").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["alice"] = false, ["carol"] = true }, results);
        Assert.Equal(["bob"], body.GetProperty("unavailable").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Bulk_for_other_users_by_a_non_admin_gets_403_and_for_self_only_200()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var token = QueryEndpointsHost.TokenFor("alice");

        var others = await host.PostRaw("/recommendations/bulk", token, """{"user_ids": ["alice", "bob"]}""");
        var self = await host.PostRaw("/recommendations/bulk", token, """{"user_ids": ["alice"]}""");

        await ProblemAssert.IsProblem(others, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
    }

    [Theory]
    [InlineData("""{"user_ids": []}""")]
    [InlineData("""{"user_ids": ["has space"]}""")]
    [InlineData("""{"user_ids": "alice"}""")]
    [InlineData("""not json""")]
    public async Task Bulk_with_a_bad_body_gets_400(string json)
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/recommendations/bulk", QueryEndpointsHost.TokenFor("ops", admin: true), json);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bulk_of_more_than_100_users_gets_400()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var ids = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"u{i}\""));

        var response = await host.PostRaw("/recommendations/bulk", QueryEndpointsHost.TokenFor("ops", admin: true), $$"""{"user_ids": [{{ids}}]}""");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_produces_a_request_for_the_user_and_answers_202_with_the_list_location()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Post("/recommendations/alice/refresh", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/recommendations/alice", response.Headers.Location?.OriginalString);
        Assert.Equal(["alice"], _publisher.Refreshes);
    }

    [Fact]
    public async Task Refresh_of_another_user_gets_403_and_produces_nothing()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Post("/recommendations/bob/refresh", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        Assert.Empty(_publisher.Refreshes);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
}
