using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoStreams.Hosting.Health;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_is_503_until_every_signal_is_ready_while_live_stays_200()
    {
        var streams = new ReadinessSignal("restoring stores");
        var group = new ReadinessSignal();
        await using var host = await Start(services => services
            .AddReadinessSignal("streams", streams)
            .AddReadinessSignal("group", group));

        var (notReadyStatus, notReady) = await Get(host, "/health/ready");
        var (liveStatus, live) = await Get(host, "/health/live");
        streams.SetReady("running, 12 stores restored");
        group.SetReady("stable");
        var (readyStatus, ready) = await Get(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReadyStatus);
        Assert.Equal("Unhealthy", notReady.GetProperty("status").GetString());
        var streamsCheck = notReady.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "streams");
        Assert.Equal("restoring stores", streamsCheck.GetProperty("description").GetString());
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (liveStatus, live.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.All(ready.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Signals_resolved_from_the_container_are_checked_on_each_request()
    {
        await using var host = await Start(services => services
            .AddSingleton<FlakySink>()
            .AddReadinessSignal<FlakySink>("postgres sink"));
        var sink = host.App.Services.GetRequiredService<FlakySink>();

        var (before, _) = await Get(host, "/health/ready");
        sink.Healthy = true;
        var (after, _) = await Get(host, "/health/ready");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (before, after));
    }

    [Fact]
    public async Task A_throwing_check_makes_ready_fail_without_leaking_the_exception_message()
    {
        await using var host = await Start(services => services.AddHealthChecks()
            .AddCheck("broken", () => throw new InvalidOperationException("connection string Password=hunter2"), [HealthTags.Ready]));

        var (status, body) = await Get(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.DoesNotContain("hunter2", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_are_anonymous_even_when_every_other_endpoint_requires_a_user()
    {
        await using var host = await Start(services => services
            .AddReadinessSignal("streams", new ReadinessSignal())
            .AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));

        Assert.Equal(HttpStatusCode.OK, (await Get(host, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Get(host, "/health/ready")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync(new Uri("/other", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    private static Task<TestHost> Start(Action<IServiceCollection> configure) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddRecoStreamsHealth();
                builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration);
                configure(builder.Services);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/other", () => "secret");
                app.MapRecoStreamsHealth();
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Get(TestHost host, string path)
    {
        var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private sealed class FlakySink : IReadinessSignal
    {
        public bool Healthy { get; set; }

        public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(Healthy ? ReadinessResult.Ready("writing") : ReadinessResult.NotReady("connection refused"));
    }
}
