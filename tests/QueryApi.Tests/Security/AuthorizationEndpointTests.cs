using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Security;

public sealed class AuthorizationEndpointTests : IAsyncLifetime
{
    private readonly JwtTokenIssuer _issuer = JwtTokenIssuer.Hs256(TestKeys.HmacSecret);
    private TestHost? _host;

    private HttpClient Client => _host!.Client;

    public async ValueTask InitializeAsync() =>
        _host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration),
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/users/{userId}/recommendations", (string userId) => userId)
                    .RequireAuthorization(RecoStreamsPolicies.SelfOrAdmin);
                app.MapGet("/admin/stores", () => "ok").RequireAuthorization(RecoStreamsPolicies.Admin);
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret, ["Jwt:Audience"] = "recostreams" });

    public async ValueTask DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Request_without_token_gets_401_with_a_bare_bearer_challenge()
    {
        var response = await Send("/users/alice/recommendations", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Request_with_invalid_token_gets_401_naming_invalid_token_and_why()
    {
        var wrongAudience = _issuer.Issue(new("alice") { Audience = "billing" });

        var response = await Send("/users/alice/recommendations", wrongAudience);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"The token's audience is not accepted.\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task User_may_read_their_own_recommendations_but_not_another_users()
    {
        var token = _issuer.Issue(new("alice") { Audience = "recostreams" });

        var own = await Send("/users/alice/recommendations", token);
        var other = await Send("/users/bob/recommendations", token);
        var differentCase = await Send("/users/Alice/recommendations", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, differentCase.StatusCode);
    }

    [Fact]
    public async Task Admin_may_read_any_users_recommendations_and_admin_endpoints()
    {
        var admin = _issuer.Issue(new("root") { Audience = "recostreams", Roles = ["admin"] });
        var user = _issuer.Issue(new("alice") { Audience = "recostreams" });

        Assert.Equal(HttpStatusCode.OK, (await Send("/users/bob/recommendations", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send("/admin/stores", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send("/admin/stores", user)).StatusCode);
    }

    private async Task<HttpResponseMessage> Send(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
