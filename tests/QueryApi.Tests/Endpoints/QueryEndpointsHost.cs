using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>The real web pipeline and query endpoints (same extension methods as the host) over in-memory queries.</summary>
internal sealed class QueryEndpointsHost : IAsyncDisposable
{
    public static JwtTokenIssuer Issuer { get; } = JwtTokenIssuer.Hs256(TestKeys.HmacSecret);

    private readonly TestHost _host;

    private QueryEndpointsHost(TestHost host) => _host = host;

    public static DateTimeOffset Now { get; } = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    /// <param name="configure">Registrations made first (they win over the defaults), e.g. a locator naming other instances.</param>
    public static async Task<QueryEndpointsHost> StartAsync(
        IRecommendationQueries queries,
        IRecoEventPublisher publisher,
        int permitLimit = 1000,
        Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null) =>
        new(await TestHost.StartAsync(
            builder =>
            {
                configure?.Invoke(builder.Services);
                var privacy = new PrivacyRecorder();
                builder.Services.TryAddSingleton<IPrivacyPublisher>(privacy);
                builder.Services.TryAddSingleton<IConsentReader>(privacy);
                builder.Services.TryAddSingleton<IUserLocator>(new FixedUserLocator());
                builder.Services.TryAddSingleton<IExperimentEvents>(new RecordingExperimentEvents());
                builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
                builder.Services.AddSingleton(new RecoTopologyOptions { ApplicationId = "reco-test" });
                builder.Services.AddSingleton(queries);
                builder.Services.AddSingleton(publisher);
                builder.Services.AddRecoStreamsWebInfrastructure(builder.Configuration);
                builder.Services.AddRecoStreamsQueries();
            },
            app =>
            {
                app.UseRecoStreamsWebPipeline();
                app.MapRecoStreamsQueryEndpoints();
            },
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Jwt:HmacSecret"] = TestKeys.HmacSecret,
                ["RateLimit:PermitLimit"] = permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));

    /// <summary>Sends requests straight to this host's in-memory server (what another instance's forwarder would reach).</summary>
    public HttpMessageHandler CreateHandler() => _host.App.GetTestServer().CreateHandler();

    public static string TokenFor(string subject, bool admin = false) =>
        Issuer.Issue(new JwtTokenRequest(subject) { Roles = admin ? [RecoStreamsPolicies.AdminRole] : [] });

    public Task<HttpResponseMessage> Get(string path, string? token) => Send(HttpMethod.Get, path, token, content: null);

    public Task<HttpResponseMessage> Post(string path, string? token, object? body = null) =>
        Send(HttpMethod.Post, path, token, body is null ? null : JsonContent.Create(body));

    public Task<HttpResponseMessage> Delete(string path, string? token) => Send(HttpMethod.Delete, path, token, content: null);

    public Task<HttpResponseMessage> PutRaw(string path, string? token, string json) =>
        Send(HttpMethod.Put, path, token, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostRaw(string path, string? token, string json) =>
        Send(HttpMethod.Post, path, token, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
