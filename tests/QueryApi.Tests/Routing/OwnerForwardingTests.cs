using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Observability.Tracing;
using RecoStreams.QueryApi.Routing;
using RecoStreams.QueryApi.Tests.Endpoints;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Routing;

/// <summary>
/// A front instance and the instance that owns alice (both the real pipeline over in-memory stores): reads of
/// alice sent to the front are answered by the owner, one hop, with the caller's credentials.
/// </summary>
public sealed class OwnerForwardingTests : IAsyncDisposable
{
    private const string OwnerEndpoint = "owner.internal:8080";

    private readonly InMemoryRecommendationQueries _ownerQueries = QueryTestData.WithCatalog();
    private readonly InMemoryRecommendationQueries _frontQueries = QueryTestData.WithCatalog();
    private readonly FixedUserLocator _ownerLocator = new();
    private readonly FixedUserLocator _frontLocator = new();
    private QueryEndpointsHost? _owner;
    private QueryEndpointsHost? _front;
    private RecordingOwnerHandler? _toOwner;

    public OwnerForwardingTests()
    {
        _ownerQueries.Lists["alice"] = QueryTestData.List("alice", 12);
        _ownerQueries.Profiles["alice"] = QueryTestData.Profile("alice");
        // Answering alice locally would be a 503: a 200 from the front can only come from the owner.
        _frontQueries.NotLocal.UnionWith(["alice", "carol"]);
        _frontQueries.Lists["bob"] = QueryTestData.List("bob", 4);
        _frontLocator.Owners["alice"] = OwnerEndpoint;
        _frontLocator.Owners["carol"] = OwnerEndpoint;
    }

    [Fact]
    public async Task A_read_of_a_user_hosted_elsewhere_gets_the_owners_answer_byte_for_byte()
    {
        var (owner, front, toOwner) = await Start();
        var token = QueryEndpointsHost.TokenFor("alice");

        var direct = await owner.Get("/recommendations/alice?limit=3&offset=2", token);
        // Now the owner's directory is stale and names the front: honouring X-RecoStreams-Forwarded is what stops a loop.
        _ownerLocator.Owners["alice"] = "front.internal:8080";
        var routed = await front.Get("/recommendations/alice?limit=3&offset=2", token);

        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        // Byte for byte but for the request id, which is new for each serving.
        Assert.Equal(WithoutRequestId(await Body(direct)), WithoutRequestId(await Body(routed)));
        Assert.Equal("application/json; charset=utf-8", routed.Content.Headers.ContentType?.ToString());
        var sent = Assert.Single(toOwner.Requests);
        Assert.Equal(new Uri($"http://{OwnerEndpoint}/recommendations/alice?limit=3&offset=2"), sent.Uri);
        Assert.Equal("1", sent.Forwarded);
        Assert.Equal("Bearer " + token, sent.Authorization);
    }

    [Fact]
    public async Task A_forwarded_read_is_traced_as_a_client_span_naming_the_owner()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RecoStreamsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var (_, front, _) = await Start();

        Assert.Equal(HttpStatusCode.OK, (await front.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"))).StatusCode);

        var forward = Assert.Single(stopped, a => Equals(a.GetTagItem("server.address"), OwnerEndpoint));
        Assert.Equal("forward recommendations", forward.DisplayName);
        Assert.Equal(ActivityKind.Client, forward.Kind);
        Assert.Equal(200, forward.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Profiles_are_routed_too_and_the_owners_404_passes_through()
    {
        var (owner, front, _) = await Start();
        var admin = QueryEndpointsHost.TokenFor("ops", admin: true);

        var routed = await front.Get("/users/alice/profile", admin);
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal(await Body(await owner.Get("/users/alice/profile", admin)), await Body(routed));

        await ProblemAssert.IsProblem(await front.Get("/users/carol/profile", admin), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unreachable_owner_is_a_503_with_retry_after()
    {
        var (_, front, toOwner) = await Start();
        toOwner.Failure = new HttpRequestException("connection refused");

        var response = await front.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("owner.internal", await Body(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_slower_than_the_forward_timeout_is_a_503()
    {
        var (_, front, toOwner) = await Start(new Dictionary<string, string?> { ["Routing:ForwardTimeout"] = "00:00:00.200" });
        toOwner.Delay = TimeSpan.FromSeconds(30);

        var response = await front.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_owners_503_during_its_rebalance_passes_through_with_its_retry_after()
    {
        var (_, front, _) = await Start();
        _ownerQueries.Rebalancing = true;

        var response = await front.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Unauthenticated_and_forbidden_reads_are_refused_before_anything_is_forwarded()
    {
        var (_, front, toOwner) = await Start();

        await ProblemAssert.IsProblem(await front.Get("/recommendations/alice", token: null), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await front.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("bob")), HttpStatusCode.Forbidden);
        Assert.Empty(toOwner.Requests);
    }

    [Fact]
    public async Task Bulk_reads_ask_each_owner_once_and_keep_the_requested_order()
    {
        var (owner, front, toOwner) = await Start();
        var admin = QueryEndpointsHost.TokenFor("ops", admin: true);

        var response = await front.Post("/recommendations/bulk", admin, new { user_ids = new[] { "bob", "alice", "dave", "carol" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await Body(response));
        var results = body.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["bob", "alice", "dave", "carol"], results.Select(r => r.GetProperty("user_id").GetString()));
        Assert.Equal(4, results[0].GetProperty("total").GetInt32());
        Assert.Equal(12, results[1].GetProperty("total").GetInt32());
        Assert.True(results[2].GetProperty("cold_start").GetBoolean());
        Assert.True(results[3].GetProperty("cold_start").GetBoolean());
        Assert.Empty(body.RootElement.GetProperty("unavailable").EnumerateArray());
        var sent = Assert.Single(toOwner.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("1", sent.Forwarded);

        var direct = await owner.Get("/recommendations/alice", admin);
        using var alice = JsonDocument.Parse(await Body(direct));
        Assert.Equal(alice.RootElement.GetProperty("items").GetRawText(), results[1].GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task Bulk_reads_list_the_users_of_an_unreachable_owner_as_unavailable()
    {
        var (_, front, toOwner) = await Start();
        toOwner.Failure = new HttpRequestException("connection refused");

        var response = await front.Post("/recommendations/bulk", QueryEndpointsHost.TokenFor("ops", admin: true), new { user_ids = new[] { "alice", "bob" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await Body(response));
        Assert.Equal(["bob"], body.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("user_id").GetString()));
        Assert.Equal(["alice"], body.RootElement.GetProperty("unavailable").EnumerateArray().Select(u => u.GetString()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_front is not null)
        {
            await _front.DisposeAsync();
        }

        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
    }

    private async Task<(QueryEndpointsHost Owner, QueryEndpointsHost Front, RecordingOwnerHandler ToOwner)> Start(
        IDictionary<string, string?>? frontSettings = null)
    {
        _owner = await QueryEndpointsHost.StartAsync(_ownerQueries, new RecordingPublisher(), configure: s => s.AddSingleton<IUserLocator>(_ownerLocator));
        _toOwner = new RecordingOwnerHandler(_owner.CreateHandler());
        var toOwner = _toOwner;
        _front = await QueryEndpointsHost.StartAsync(
            _frontQueries,
            new RecordingPublisher(),
            configure: s =>
            {
                s.AddSingleton<IUserLocator>(_frontLocator);
                s.AddHttpClient(OwnerForwarder.ClientName).ConfigurePrimaryHttpMessageHandler(() => toOwner);
            },
            settings: frontSettings);
        return (_owner, _front, _toOwner);
    }

    private static Task<string> Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    private static string WithoutRequestId(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"request_id\":\"[0-9a-f-]{36}\"", "\"request_id\":\"\"");
}
