using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Http;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string Secret = "database password is hunter2";
    private readonly CapturingLoggerProvider _logs = new();
    private TestHost? _host;

    private HttpClient Client => _host!.Client;

    public async ValueTask InitializeAsync() =>
        _host = await TestHost.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(_logs);
                builder.Services.AddRecoStreamsProblemDetails();
                builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration);
            },
            app =>
            {
                app.UseRecoStreamsProblemDetails();
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/users/{userId}/recommendations", (string userId, string? limit, string? offset, string? window) =>
                {
                    var v = new RequestValidator();
                    v.UserId("userId", userId);
                    v.Limit("limit", limit, defaultValue: 20);
                    v.Offset("offset", offset);
                    v.Window("window", window, RecommendationWindow.TwentyFourHours);
                    return v.HasErrors ? (IResult)v.ToProblem() : Results.Ok();
                }).RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin);
                app.MapGet("/boom", IResult () => throw new InvalidOperationException(Secret));
                app.MapGet("/restoring", IResult () => throw new ServiceUnavailableException("Stores are restoring.", TimeSpan.FromSeconds(2.2)));
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret });

    public async ValueTask DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Invalid_parameters_give_400_listing_every_error()
    {
        var response = await Get("/users/ali%20ce/recommendations?limit=500&offset=-1&window=7d", Token("admin", "admin"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["limit", "offset", "userId", "window"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Missing_token_gives_401_problem_and_forbidden_gives_403_problem()
    {
        await ProblemAssert.IsProblem(await Get("/users/alice/recommendations", token: null), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await Get("/users/alice/recommendations", Token("bob")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_route_gives_404_problem()
    {
        var problem = await ProblemAssert.IsProblem(await Get("/nothing/here", token: null), HttpStatusCode.NotFound);

        Assert.Equal("/nothing/here", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Unhandled_exception_gives_500_problem_without_message_or_stack_and_logs_it()
    {
        var response = await Get("/boom", token: null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == Secret);
    }

    [Fact]
    public async Task Service_unavailable_gives_503_problem_with_retry_after_rounded_up()
    {
        var response = await Get("/restoring", token: null);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Stores are restoring.", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    private static string Token(string subject, params string[] roles) =>
        JwtTokenIssuer.Hs256(TestKeys.HmacSecret).Issue(new(subject) { Roles = roles });

    private async Task<HttpResponseMessage> Get(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
