using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.QueryApi.Cli;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Tests.Endpoints;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>`catalog load` and `schemas register` against the embedded registry of a running instance.</summary>
public sealed class RegistryHttpTests
{
    private const string Schema = """{"type":"record","name":"Probe","fields":[{"name":"id","type":"string"}]}""";

    [Fact]
    public void The_token_option_becomes_a_bearer_header_and_no_token_sends_none()
    {
        using var withToken = RegistryHttp.Create("abc.def.ghi");
        using var without = RegistryHttp.Create(null);

        Assert.Equal(new AuthenticationHeaderValue("Bearer", "abc.def.ghi"), withToken.DefaultRequestHeaders.Authorization);
        Assert.Null(without.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task The_embedded_registry_takes_a_schema_with_the_admin_token_and_refuses_it_without()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddRecoStreamsWebInfrastructure(builder.Configuration),
            app =>
            {
                app.UseRecoStreamsWebPipeline();
                app.MapEmbeddedSchemaRegistry(registry);
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret });
        var options = new SchemaRegistryClientOptions { BaseAddress = new Uri(host.Client.BaseAddress!, "/schema-registry/"), MaxRetries = 0 };

        using var anonymous = new HttpClient(host.App.GetTestServer().CreateHandler()) { BaseAddress = host.Client.BaseAddress };
        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(
            () => new SchemaRegistryClient(anonymous, options).RegisterAsync("probe-value", Schema, TestContext.Current.CancellationToken));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        using var admin = new HttpClient(host.App.GetTestServer().CreateHandler()) { BaseAddress = host.Client.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = RegistryHttp.Create(QueryEndpointsHost.TokenFor("ops", admin: true)).DefaultRequestHeaders.Authorization;
        var id = await new SchemaRegistryClient(admin, options).RegisterAsync("probe-value", Schema, TestContext.Current.CancellationToken);

        Assert.True(id > 0);
    }
}
