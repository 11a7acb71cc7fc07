using System.Net;
using System.Text.Json;
using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class EventEndpointsTests
{
    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();

    [Fact]
    public async Task One_valid_event_is_produced_and_answered_202_with_the_count()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), Event(1, "alice", "rating", rating: "4.5"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, body.RootElement.GetProperty("count").GetInt32());
        var e = Assert.Single(_publisher.Events);
        Assert.Equal(("alice", "m1", EventType.Rating, 4.5), (e.UserId, e.ItemId, e.Type, e.Rating));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(Id(1), e.EventId);
    }

    [Fact]
    public async Task A_batch_with_bad_fields_gets_400_naming_each_by_index_and_produces_nothing()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var batch = $"[{Event(1, "alice", "like")}, {Event(2, "alice", "rating", rating: "7")}, {Event(3, "alice", "shrug", occurredAt: "\"soon\"")}, {Event(1, "alice", "view")}]";

        var response = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), batch);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["[1].rating", "[2].event_type", "[2].occurred_at", "[3].event_id"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(_publisher.Events);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_field_error_without_dotnet_type_names()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), Event(1, "alice", "rating", rating: "\"high\""));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rating", out _));
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_a_thousand_events_are_refused()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var batch = "[" + string.Join(",", Enumerable.Range(1, 1001).Select(i => Event(i, "alice", "view"))) + "]";

        var response = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), batch);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("1 to 1000", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_publisher.Events);
    }

    [Fact]
    public async Task A_user_may_not_post_another_users_events_but_a_service_may()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var service = QueryEndpointsHost.Issuer.Issue(new JwtTokenRequest("ingest") { Roles = [RecoStreamsPolicies.ServiceRole] });
        var batch = $"[{Event(1, "alice", "view")}, {Event(2, "bob", "view")}]";

        var asAlice = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), batch);
        Assert.Empty(_publisher.Events);
        var asService = await host.PostRaw("/events", service, batch);

        await ProblemAssert.IsProblem(asAlice, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, asService.StatusCode);
        Assert.Equal(["alice", "bob"], _publisher.Events.Select(e => e.UserId));
    }

    [Fact]
    public async Task A_body_over_the_routes_limit_gets_413_before_it_is_parsed()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var huge = "[" + new string(' ', QueryApi.Endpoints.EventEndpoints.MaxBodyBytes) + "]";

        var response = await host.PostRaw("/events", QueryEndpointsHost.TokenFor("alice"), huge);

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private static string Id(int i) => $"00000000-0000-4000-8000-{i:D12}";

    private static string Event(int i, string user, string type, string? rating = null, string occurredAt = "\"2026-11-22T07:00:00Z\"") =>
        $$"""{"event_id":"{{Id(i)}}","user_id":"{{user}}","item_id":"m1","event_type":"{{type}}","occurred_at":{{occurredAt}}{{(rating is null ? "" : ",\"rating\":" + rating)}}}""";
}
