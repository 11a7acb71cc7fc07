using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Tests.Endpoints;
using RecoStreams.QueryApi.Tests.Security;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>
/// Confluent's CachedSchemaRegistryClient (2.16) as the reference client against the embedded registry
/// served by the real host over TCP (Kestrel on loopback): writes carry the admin bearer token through
/// its IAuthenticationHeaderValueProvider, reads are anonymous.
/// </summary>
public sealed class ConfluentRegistryClientTests
{
    private const string Subject = "catalog-items-value";

    [Fact]
    public async Task Confluent_client_registers_looks_up_and_checks_compatibility_against_the_embedded_registry()
    {
        await using var host = await StartAsync();
        var catalogItem = File.ReadAllText(ContractFile("CatalogItem.avsc"));
        using var admin = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = host.Url }, new BearerToken(QueryEndpointsHost.TokenFor("ops", admin: true)));
        using var anonymous = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = host.Url });

        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => anonymous.RegisterSchemaAsync(Subject, new Schema(catalogItem, SchemaType.Avro)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

        var id = await admin.RegisterSchemaAsync(Subject, new Schema(catalogItem, SchemaType.Avro));
        var byId = await anonymous.GetSchemaAsync(id);
        var latest = await anonymous.GetLatestSchemaAsync(Subject);
        var lookedUp = await admin.LookupSchemaAsync(Subject, new Schema(catalogItem, SchemaType.Avro), ignoreDeletedSchemas: true);

        Assert.True(id > 0);
        Assert.Equal(SchemaType.Avro, byId.SchemaType);
        Assert.Equal(Avro.Schemas.AvroSchema.Parse(catalogItem).ToCanonicalForm(), Avro.Schemas.AvroSchema.Parse(byId.SchemaString).ToCanonicalForm());
        Assert.Equal((id, 1, Subject), (latest.Id, latest.Version, latest.Subject));
        Assert.Equal((id, 1), (lookedUp.Id, lookedUp.Version));
        Assert.True(await admin.IsCompatibleAsync(Subject, new Schema(WithField(catalogItem, """{"name":"rank","type":["null","int"],"default":null}"""), SchemaType.Avro)));
        Assert.False(await admin.IsCompatibleAsync(Subject, new Schema(WithField(catalogItem, """{"name":"rank","type":"int"}"""), SchemaType.Avro)));
    }

    private static string WithField(string recordSchema, string field)
    {
        var schema = JsonNode.Parse(recordSchema)!;
        schema["fields"]!.AsArray().Add(JsonNode.Parse(field));
        return schema.ToJsonString();
    }

    private static string ContractFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new InvalidOperationException($"RecoStreams.sln not found above {AppContext.BaseDirectory}; the contract files cannot be located")
            : Path.Combine(dir.FullName, "schemas", "avro", name);
    }

    private static async Task<KestrelHost> StartAsync()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRecoStreamsWebInfrastructure(builder.Configuration);
        var app = builder.Build();
        app.UseRecoStreamsWebPipeline();
        app.MapEmbeddedSchemaRegistry(registry);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelHost(app, address + EmbeddedRegistryEndpoints.Prefix);
    }

    private sealed record KestrelHost(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private sealed class BearerToken(string token) : IAuthenticationHeaderValueProvider
    {
        public AuthenticationHeaderValue GetAuthenticationHeader() => new("Bearer", token);
    }
}
