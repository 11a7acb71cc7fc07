using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class ExperimentEndpointsTests
{
    private static readonly string Admin = QueryEndpointsHost.TokenFor("ops", admin: true);

    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingExperimentEvents _events = new();
    private readonly ExperimentCatalog _catalog = new();

    private static object Definition(string id = "ab-1") => new
    {
        id,
        description = "diversity",
        variants = new object[]
        {
            new { name = "control", weight = 1, control = true },
            new { name = "diverse", weight = 1, model_version = "m-2", recommender = new { mmr_lambda = 0.5 } },
        },
    };

    private Task<QueryEndpointsHost> Start() =>
        QueryEndpointsHost.StartAsync(_queries, _publisher, configure: services =>
        {
            services.AddSingleton<IExperimentEvents>(_events);
            services.AddSingleton(_catalog);
        });

    [Fact]
    public async Task Creating_an_experiment_publishes_its_definition_and_answers_201()
    {
        await using var host = await Start();

        var response = await host.Post("/admin/experiments", Admin, Definition());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var published = Assert.Single(_events.Experiments);
        Assert.Equal("ab-1", published.Id);
        Assert.Equal(["control", "diverse"], published.Variants.Select(v => v.Name));
        Assert.Equal(0.5, published.Variants[1].Recommender?.MmrLambda);
        Assert.Equal("m-2", published.Variants[1].ModelVersion);
        Assert.Equal(QueryEndpointsHost.Now.ToUnixTimeMilliseconds(), published.StartsAtMs);
    }

    [Fact]
    public async Task An_invalid_definition_gets_a_problem_naming_each_field_and_publishes_nothing()
    {
        await using var host = await Start();

        var response = await host.Post("/admin/experiments", Admin, new
        {
            id = "bad id",
            variants = new object[] { new { name = "only", weight = -1 } },
            traffic_fraction = 2,
            starts_at = "yesterday",
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("starts_at", fields);
        Assert.Empty(_events.Experiments);

        var semantic = await host.Post("/admin/experiments", Admin, new { id = "ab", variants = new object[] { new { name = "a", weight = -1 } }, traffic_fraction = 2 });
        var semanticFields = (await ProblemAssert.IsProblem(semantic, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "variants", "variants[0].weight", "traffic_fraction" }, semanticFields);
        Assert.Empty(_events.Experiments);
    }

    [Fact]
    public async Task Experiment_endpoints_are_for_admins_only()
    {
        await using var host = await Start();

        await ProblemAssert.IsProblem(await host.Post("/admin/experiments", QueryEndpointsHost.TokenFor("alice"), Definition()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await host.Post("/admin/experiments", token: null, Definition()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Stopping_publishes_the_stopped_definition_and_an_unknown_id_is_404()
    {
        _catalog.Set("ab-1", Running());
        await using var host = await Start();

        var response = await host.Post("/admin/experiments/ab-1/stop", Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(QueryEndpointsHost.Now.ToUnixTimeMilliseconds(), Assert.Single(_events.Experiments).StoppedAtMs);
        await ProblemAssert.IsProblem(await host.Post("/admin/experiments/nope/stop", Admin), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await host.Post("/admin/experiments", Admin, Definition("ab-1")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_served_list_names_its_request_experiment_and_variant_and_its_exposure_is_queued()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 12) with { ModelVersion = "m-1" };
        var experiment = Running() with
        {
            Variants = [new ExperimentVariant("control", 1, true, null, null), new ExperimentVariant("other", 0, false, null, null)],
        };
        _catalog.Set(experiment.Id, experiment);
        await using var host = await Start();

        var response = await host.Get("/recommendations/alice?limit=3&offset=2", QueryEndpointsHost.TokenFor("alice"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var requestId = body.GetProperty("request_id").GetString();
        Assert.Equal(7, Guid.Parse(requestId!).Version);
        Assert.Equal("ab-1", body.GetProperty("experiment_id").GetString());
        Assert.Equal("control", body.GetProperty("variant").GetString());
        Assert.Equal("m-1", body.GetProperty("model_version").GetString());
        var exposure = Assert.Single(_events.Exposures);
        Assert.Equal((requestId, "alice", "ab-1", "control", "m-1"), (exposure.RequestId, exposure.UserId, exposure.ExperimentId, exposure.Variant, exposure.ModelVersion));
        Assert.Equal([3, 4, 5], exposure.Items.Select(i => i.Position));
        Assert.Equal(["item-3", "item-4", "item-5"], exposure.Items.Select(i => i.ItemId));
    }

    [Fact]
    public async Task A_list_served_outside_any_experiment_gets_a_request_id_that_says_so()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 12);
        await using var host = await Start();

        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var requestId = body.GetProperty("request_id").GetString()!;
        Assert.True(RequestIds.IsOutsideExperiments(requestId));
        var exposure = Assert.Single(_events.Exposures);
        Assert.Equal((requestId, null, null), (exposure.RequestId, exposure.ExperimentId, exposure.Variant));
    }

    [Fact]
    public async Task A_variant_with_its_own_model_version_is_served_a_list_built_with_that_version()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 12) with { ModelVersion = "m-1" };
        var experiment = Running() with
        {
            Variants = [new ExperimentVariant("control", 0, true, null, null), new ExperimentVariant("candidate", 1, false, null, "m-2")],
        };
        _catalog.Set(experiment.Id, experiment);
        await using var host = await Start();

        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("candidate", body.GetProperty("variant").GetString());
        Assert.Equal("m-2", body.GetProperty("model_version").GetString());
        Assert.Equal("m-2", Assert.Single(_events.Exposures).ModelVersion);
    }

    [Fact]
    public async Task Feedback_may_name_the_request_and_the_new_kinds()
    {
        await using var host = await Start();
        var requestId = Guid.NewGuid().ToString("D");

        var response = await host.Post("/feedback", QueryEndpointsHost.TokenFor("alice"), new
        {
            user_id = "alice",
            item_id = "m2",
            kind = "purchase",
            position = 2,
            request_id = requestId,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var feedback = Assert.Single(_publisher.Feedback);
        Assert.Equal(requestId, feedback.RequestId);
        Assert.Equal(Avro.Contracts.FeedbackKind.Purchase, feedback.Kind);
        await ProblemAssert.IsProblem(
            await host.Post("/feedback", QueryEndpointsHost.TokenFor("alice"), new { user_id = "alice", item_id = "m2", kind = "click", position = 1, request_id = "nope" }),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Results_give_rates_intervals_and_the_test_against_control_over_the_requested_windows()
    {
        _catalog.Set("ab-1", Running());
        var counts = new FixedExperimentCounts();
        counts.Add("control", impressions: 2_000, clicks: 200);
        counts.Add("diverse", impressions: 2_000, clicks: 250);
        await using var host = await QueryEndpointsHost.StartAsync(_queries, _publisher, configure: services =>
        {
            services.AddSingleton<IExperimentEvents>(_events);
            services.AddSingleton(_catalog);
            services.AddSingleton<IExperimentCountsQueries>(counts);
        });

        var response = await host.Get("/admin/experiments/ab-1/results?from=2026-11-21T00:00:00Z", Admin);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal((new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), (long?)null), counts.LastRange);
        var diverse = body.GetProperty("variants")[1];
        Assert.Equal(0.125, diverse.GetProperty("ctr").GetDouble(), 9);
        Assert.True(diverse.GetProperty("ctr_interval").GetProperty("low").GetDouble() < 0.125);
        var test = diverse.GetProperty("ctr_vs_control");
        Assert.Equal(0.012351, test.GetProperty("p_value").GetDouble(), 5);
        Assert.True(test.GetProperty("significant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("variants")[0].GetProperty("ctr_vs_control").ValueKind);
        await ProblemAssert.IsProblem(await host.Get("/admin/experiments/ab-1/results?to=soon", Admin), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblem(await host.Get("/admin/experiments/nope/results", Admin), HttpStatusCode.NotFound);
    }

    private static Experiment Running() => new(
        "ab-1",
        string.Empty,
        [new ExperimentVariant("control", 1, true, null, null), new ExperimentVariant("diverse", 1, false, null, null)],
        new ExperimentTargeting(1, []),
        0,
        null,
        0);

    /// <summary>Counts given by the test; remembers the window range asked for.</summary>
    private sealed class FixedExperimentCounts : IExperimentCountsQueries
    {
        private readonly ExperimentCounts _counts = new();

        public (long From, long? To) LastRange { get; private set; }

        public void Add(string variant, long impressions, long clicks) =>
            _counts.Variants[variant] = new VariantCounts { Exposures = impressions / 10, Impressions = impressions, Clicks = clicks };

        public string? RemoteOwner(string experimentId) => null;

        public ExperimentCounts Counts(string experimentId, long fromMs = 0, long? toMs = null)
        {
            LastRange = (fromMs, toMs);
            return _counts;
        }

        public IReadOnlyDictionary<string, ExperimentCounts> LocalCounts() => new Dictionary<string, ExperimentCounts> { ["ab-1"] = _counts };
    }
}
