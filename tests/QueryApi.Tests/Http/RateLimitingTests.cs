using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Http;

public sealed class RateLimitingTests
{
    private const string TestIpHeader = "X-Test-Client-IP";

    [Fact]
    public async Task Anonymous_clients_are_limited_per_ip_with_a_429_problem_and_retry_after()
    {
        await using var host = await Start(permits: 3, window: "00:01:00");

        var fromA = await SendMany(host, 4, ip: "10.0.0.1", token: null);
        var fromB = await Send(host, "/data", ip: "10.0.0.2", token: null);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fromA.Select(r => r.StatusCode));
        await ProblemAssert.IsProblem(fromA[3], HttpStatusCode.TooManyRequests);
        // One minute in six segments: permits come back within ten seconds at the latest.
        Assert.Equal(TimeSpan.FromSeconds(10), fromA[3].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
    }

    [Fact]
    public async Task Authenticated_users_are_limited_by_subject_not_by_their_shared_ip()
    {
        await using var host = await Start(permits: 2, window: "00:01:00");
        var alice = JwtTokenIssuer.Hs256(TestKeys.HmacSecret).Issue(new("alice"));
        var bob = JwtTokenIssuer.Hs256(TestKeys.HmacSecret).Issue(new("bob"));

        var aliceResponses = await SendMany(host, 3, ip: "10.0.0.9", alice);
        var bobResponse = await Send(host, "/data", ip: "10.0.0.9", bob);

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceResponses[2].StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobResponse.StatusCode);
    }

    [Fact]
    public async Task Health_and_metrics_endpoints_are_never_limited()
    {
        await using var host = await Start(permits: 1, window: "00:01:00");
        await SendMany(host, 2, ip: "10.0.0.3", token: null);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(host, "/metrics", "10.0.0.3", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(host, "/health/live", "10.0.0.3", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Permits_return_once_the_window_has_slid_past()
    {
        await using var host = await Start(permits: 1, window: "00:00:01", segments: "1");

        var first = await SendMany(host, 2, ip: "10.0.0.4", token: null);
        await Task.Delay(TimeSpan.FromMilliseconds(1300), TestContext.Current.CancellationToken);
        var later = await Send(host, "/data", "10.0.0.4", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, first[1].StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    private static Task<TestHost> Start(int permits, string window, string segments = "6") =>
        TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddRecoStreamsProblemDetails();
                builder.Services.AddRecoStreamsMetrics();
                builder.Services.AddRecoStreamsHealth();
                builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration);
                builder.Services.AddRecoStreamsRateLimiting(builder.Configuration);
            },
            app =>
            {
                // TestServer has no socket; a test-only header stands in for the client address.
                app.Use((context, next) =>
                {
                    if (context.Request.Headers.TryGetValue(TestIpHeader, out var ip))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                    }

                    return next(context);
                });
                app.UseRecoStreamsProblemDetails();
                app.UseRouting();
                app.UseAuthentication();
                app.UseRecoStreamsRateLimiting();
                app.UseAuthorization();
                app.MapGet("/data", () => "ok");
                app.MapRecoStreamsHealth();
                app.MapRecoStreamsMetrics();
            },
            new Dictionary<string, string?>
            {
                ["Jwt:HmacSecret"] = TestKeys.HmacSecret,
                ["RateLimit:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimit:Window"] = window,
                ["RateLimit:SegmentsPerWindow"] = segments,
            });

    private static async Task<List<HttpResponseMessage>> SendMany(TestHost host, int count, string ip, string? token)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await Send(host, "/data", ip, token));
        }

        return responses;
    }

    private static async Task<HttpResponseMessage> Send(TestHost host, string path, string ip, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(TestIpHeader, ip);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
