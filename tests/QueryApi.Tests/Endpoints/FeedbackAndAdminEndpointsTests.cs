using System.Net;
using RecoStreams.Avro.Contracts;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class FeedbackAndAdminEndpointsTests
{
    private const string ValidFeedback =
        """{"user_id": "alice", "item_id": "m1", "kind": "click", "recommendation_generated_at": "2026-11-22T07:59:00Z", "position": 3}""";

    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();

    [Fact]
    public async Task Valid_feedback_is_produced_as_a_record_and_answered_202()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/feedback", QueryEndpointsHost.TokenFor("alice"), ValidFeedback);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var produced = Assert.Single(_publisher.Feedback);
        Assert.Equal(("alice", "m1", FeedbackKind.Click, 3), (produced.UserId, produced.ItemId, produced.Kind, produced.Position));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 59, 0, TimeSpan.Zero), produced.RecommendationGeneratedAt);
        Assert.Equal(QueryEndpointsHost.Now, produced.OccurredAt);
        Assert.NotEqual(Guid.Empty, produced.FeedbackId);
    }

    [Fact]
    public async Task Feedback_with_missing_or_invalid_fields_gets_400_naming_each_and_produces_nothing()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/feedback", QueryEndpointsHost.TokenFor("alice"), """{"user_id": "alice", "kind": "shrug", "position": 0}""");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["item_id", "kind", "position", "recommendation_generated_at"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(_publisher.Feedback);
    }

    [Fact]
    public async Task Feedback_for_another_user_gets_403()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/feedback", QueryEndpointsHost.TokenFor("bob"), ValidFeedback);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden);
        Assert.Empty(_publisher.Feedback);
    }

    [Fact]
    public async Task Backfill_by_an_admin_requests_a_refresh_for_every_local_user_and_reports_the_count()
    {
        _queries.Profiles["alice"] = QueryTestData.Profile("alice");
        _queries.Profiles["bob"] = QueryTestData.Profile("bob");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.Post("/admin/backfill", QueryEndpointsHost.TokenFor("ops", admin: true));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"count\":2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["alice", "bob"], _publisher.Refreshes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Backfill_by_a_non_admin_gets_403_and_during_a_rebalance_503()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var user = await host.Post("/admin/backfill", QueryEndpointsHost.TokenFor("alice"));
        _queries.Rebalancing = true;
        var admin = await host.Post("/admin/backfill", QueryEndpointsHost.TokenFor("ops", admin: true));

        await ProblemAssert.IsProblem(user, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(admin, HttpStatusCode.ServiceUnavailable);
        Assert.Empty(_publisher.Refreshes);
    }
}
