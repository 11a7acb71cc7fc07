using System.Net;
using System.Text.Json;
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
    public async Task Feedback_with_a_malformed_date_gets_400_naming_that_field()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw(
            "/feedback", QueryEndpointsHost.TokenFor("alice"), ValidFeedback.Replace("2026-11-22T07:59:00Z", "last tuesday", StringComparison.Ordinal));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(["recommendation_generated_at"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty(_publisher.Feedback);
    }

    [Fact]
    public async Task Feedback_for_an_item_not_in_the_catalog_gets_400()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw(
            "/feedback", QueryEndpointsHost.TokenFor("alice"), ValidFeedback.Replace("\"m1\"", "\"no-such-item\"", StringComparison.Ordinal));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("is not in the catalog", problem.GetProperty("errors").GetProperty("item_id")[0].GetString());
        Assert.Empty(_publisher.Feedback);
    }

    [Fact]
    public async Task A_bulk_body_of_the_wrong_shape_says_where_without_dotnet_type_names()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw("/recommendations/bulk", QueryEndpointsHost.TokenFor("alice"), """{"user_ids": "alice"}""");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("$.user_ids", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feedback_body_over_its_limit_gets_413()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var response = await host.PostRaw(
            "/feedback", QueryEndpointsHost.TokenFor("alice"), ValidFeedback.Replace("{", "{" + new string(' ', QueryApi.Endpoints.FeedbackEndpoints.MaxBodyBytes), StringComparison.Ordinal));

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge);
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
    public async Task Backfill_by_an_admin_runs_in_the_background_and_its_progress_can_be_polled_until_complete()
    {
        _queries.Profiles["alice"] = QueryTestData.Profile("alice");
        _queries.Profiles["bob"] = QueryTestData.Profile("bob");
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var admin = QueryEndpointsHost.TokenFor("ops", admin: true);

        var response = await host.Post("/admin/backfill?rate=1000", admin);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        using (var started = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal($"/admin/backfill/{started.RootElement.GetProperty("id").GetString()}", location);
            Assert.Equal(2, started.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(1000, started.RootElement.GetProperty("rate_per_second").GetDouble());
        }

        JsonElement status = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            using var polled = JsonDocument.Parse(await (await host.Get(location, admin)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            status = polled.RootElement.Clone();
        }
        while (status.GetProperty("state").GetString() == "running" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("done").GetInt32());
        Assert.Equal(JsonValueKind.String, status.GetProperty("finished_at").ValueKind);
        Assert.Equal(["alice", "bob"], _publisher.Refreshes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_backfill_while_one_runs_is_a_409_naming_the_running_one()
    {
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            _queries.Profiles[user] = QueryTestData.Profile(user);
        }

        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);
        var admin = QueryEndpointsHost.TokenFor("ops", admin: true);

        // One refresh every 10 s: the first job is still running when the second request arrives.
        var first = await host.Post("/admin/backfill?rate=0.1", admin);
        var second = await host.Post("/admin/backfill", admin);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var problem = await ProblemAssert.IsProblem(second, HttpStatusCode.Conflict);
        Assert.Contains(first.Headers.Location!.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("running", JsonDocument.Parse(await (await host.Get(first.Headers.Location!.ToString(), admin)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1e9")]
    public async Task Backfill_with_a_bad_rate_is_a_400_naming_the_parameter(string rate)
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        var problem = await ProblemAssert.IsProblem(await host.Post($"/admin/backfill?rate={rate}", QueryEndpointsHost.TokenFor("ops", admin: true)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("rate", out _));
        Assert.Empty(_publisher.Refreshes);
    }

    [Fact]
    public async Task An_unknown_backfill_is_a_404_and_only_admins_may_poll()
    {
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher);

        await ProblemAssert.IsProblem(await host.Get("/admin/backfill/nope", QueryEndpointsHost.TokenFor("ops", admin: true)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await host.Get("/admin/backfill/nope", QueryEndpointsHost.TokenFor("alice")), HttpStatusCode.Forbidden);
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
