using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Http;

namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>
/// An embedded registry behind real Kestrel on 127.0.0.1 with an OS-chosen port, so the CLI talks to
/// it through its ordinary HTTP client, exactly as it would to a Confluent registry.
/// </summary>
internal sealed class KestrelRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelRegistry(WebApplication app, EmbeddedSchemaRegistry registry, string url)
    {
        _app = app;
        Registry = registry;
        Url = url;
    }

    public EmbeddedSchemaRegistry Registry { get; }

    public string Url { get; }

    public static async Task<KestrelRegistry> StartAsync()
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var dispatcher = new SchemaRegistryRequestDispatcher(registry);
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var response = await dispatcher.DispatchAsync(http.Request.Method, http.Request.Path.Value + http.Request.QueryString.Value,
                body.Length == 0 ? null : body, http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            http.Response.ContentType = response.ContentType;
            await http.Response.WriteAsync(response.Body, http.RequestAborted);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelRegistry(app, registry, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
