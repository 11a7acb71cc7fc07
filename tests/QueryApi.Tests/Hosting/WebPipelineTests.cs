using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Observability;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

public sealed class WebPipelineTests
{
    [Fact]
    public async Task Full_pipeline_serves_health_metrics_problems_and_authorised_queries_together()
    {
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsWebInfrastructure(builder.Configuration),
            app =>
            {
                app.UseRecoStreamsWebPipeline();
                app.MapGet("/users/{userId}/recommendations", (string userId) => userId)
                    .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin);
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret, ["RateLimit:PermitLimit"] = "2" });
        var ct = TestContext.Current.CancellationToken;
        var token = JwtTokenIssuer.Hs256(TestKeys.HmacSecret).Issue(new("alice"));

        var anonymous = await host.Client.GetAsync(new Uri("/users/alice/recommendations", UriKind.Relative), ct);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/users/alice/recommendations", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            statuses.Add((await host.Client.SendAsync(request, ct)).StatusCode);
        }

        var live = await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative), ct);
        var metrics = PrometheusTextParser.Parse(await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct));

        await ProblemAssert.IsProblem(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var counts = metrics["recostreams_http_server_request_duration_seconds"].Samples
            .Where(s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Label("http_route") == "/users/{userId}/recommendations")
            .ToDictionary(s => s.Label("http_response_status_code")!, s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["200"] = 2, ["401"] = 1, ["429"] = 1 }, counts);
    }
}
