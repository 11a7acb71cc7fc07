using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.Processors.Privacy;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Security;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Endpoints;

public sealed class PrivacyEndpointsTests
{
    private readonly InMemoryRecommendationQueries _queries = QueryTestData.WithCatalog();
    private readonly RecordingPublisher _publisher = new();
    private readonly PrivacyRecorder _privacy = new();

    private Task<QueryEndpointsHost> StartAsync() => QueryEndpointsHost.StartAsync(_queries, _publisher, configure: services =>
    {
        services.AddSingleton<IPrivacyPublisher>(_privacy);
        services.AddSingleton<IConsentReader>(_privacy);
    });

    private static string PrivacyOfficer() =>
        QueryEndpointsHost.Issuer.Issue(new JwtTokenRequest("dpo") { Roles = [RecoStreamsPolicies.PrivacyRole] });

    [Fact]
    public async Task A_user_erases_themself_and_the_request_goes_out_keyed_by_their_id_with_the_time_of_the_call()
    {
        await using var host = await StartAsync();

        var response = await host.Delete("/users/alice", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var erase = Assert.Single(_privacy.Erasures);
        Assert.Equal(new EraseRequest("alice", ErasureReason.Request, QueryEndpointsHost.Now.ToUnixTimeMilliseconds()), erase);
    }

    [Fact]
    public async Task An_admin_or_the_privacy_role_may_erase_anyone_and_other_users_may_not()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await host.Delete("/users/alice", PrivacyOfficer())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Delete("/users/bob", QueryEndpointsHost.TokenFor("ops", admin: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Delete("/users/carol", QueryEndpointsHost.TokenFor("mallory"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delete("/users/carol", token: null)).StatusCode);

        Assert.Equal(["alice", "bob"], _privacy.Erasures.Select(e => e.UserId));
    }

    [Fact]
    public async Task Withdrawing_consent_writes_the_choice_and_erases_what_was_built()
    {
        await using var host = await StartAsync();

        var response = await host.PutRaw("/users/alice/consent", QueryEndpointsHost.TokenFor("alice"), """{"personalisation":false}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.False(body.GetProperty("personalisation").GetBoolean());
        Assert.False(_privacy.Consents["alice"].Personalisation);
        Assert.Equal(ErasureReason.ConsentWithdrawn, Assert.Single(_privacy.Erasures).Reason);
    }

    [Fact]
    public async Task Giving_consent_writes_the_choice_and_erases_nothing()
    {
        await using var host = await StartAsync();

        var response = await host.PutRaw("/users/alice/consent", PrivacyOfficer(), """{"personalisation":true}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(_privacy.Consents["alice"].Personalisation);
        Assert.Empty(_privacy.Erasures);
    }

    [Fact]
    public async Task A_consent_without_its_value_is_a_problem_naming_the_field()
    {
        await using var host = await StartAsync();

        var response = await host.PutRaw("/users/alice/consent", QueryEndpointsHost.TokenFor("alice"), "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("personalisation", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(_privacy.Consents);
    }

    [Fact]
    public async Task A_user_without_consent_is_served_the_non_personalised_list_even_when_one_is_stored()
    {
        _queries.Lists["alice"] = QueryTestData.List("alice", 5);
        await using var host = await StartAsync();
        var personalised = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));
        Assert.False(JsonDocument.Parse(await personalised.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("cold_start").GetBoolean());

        await host.PutRaw("/users/alice/consent", QueryEndpointsHost.TokenFor("alice"), """{"personalisation":false}""");
        var response = await host.Get("/recommendations/alice", QueryEndpointsHost.TokenFor("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(body.GetProperty("cold_start").GetBoolean());
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("item_id").GetString()!.StartsWith("item-", StringComparison.Ordinal));
    }
}
