using System.Net;
using System.Text.Json;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class UserProfileEndpointsTests
{
    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();

    [Fact]
    public async Task Profile_shows_top_affinities_per_dimension_counts_and_last_engagement()
    {
        _queries.Profiles["alice"] = QueryTestData.Profile("alice");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Get("/users/alice/profile?limit=2", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(["Drama", "Comedy"], body.GetProperty("genres").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(5, body.GetProperty("genres")[0].GetProperty("score").GetDouble(), 9);
        Assert.Equal("Nolan", body.GetProperty("creators")[0].GetProperty("name").GetString());
        Assert.Equal(7, body.GetProperty("counts").GetProperty("view").GetInt64());
        Assert.Equal(1, body.GetProperty("counts").GetProperty("add_to_cart").GetInt64());
        Assert.Equal(8, body.GetProperty("interactions").GetInt64());
        Assert.Equal(QueryEndpointsHost.Now.AddMinutes(-1), body.GetProperty("last_engagement").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("user_class").GetString()));
    }

    [Fact]
    public async Task Profile_of_a_user_without_engagement_gets_404()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get("/users/alice/profile", QueryEndpointsHost.TokenFor("alice")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_profile_gets_403()
    {
        _queries.Profiles["bob"] = QueryTestData.Profile("bob");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get("/users/bob/profile", QueryEndpointsHost.TokenFor("alice")), HttpStatusCode.Forbidden);
    }
}
