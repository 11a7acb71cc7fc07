using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.Ingestion.Catalog.Tests;

/// <summary>
/// A real HTTP Catalog Service stand-in on 127.0.0.1 (Kestrel, ephemeral port) following the connector's
/// documented contract: updated_since inclusive, updated_at order, offset page tokens, ETag/304, and
/// injectable 500s. Items are raw JSON so a test can serve a malformed one.
/// </summary>
internal sealed class FakeCatalogService : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<(DateTimeOffset UpdatedAt, string Id, string Json)> _items = [];
    private readonly List<(DateTimeOffset DeletedAt, string Id)> _deleted = [];
    private readonly List<string> _requests = [];
    private WebApplication? _app;
    private int _failures;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request as "status query", in arrival order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeCatalogService> StartAsync()
    {
        var service = new FakeCatalogService();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/catalog/items", service.Serve);
        await app.StartAsync();
        service._app = app;
        service.BaseAddress = new Uri(app.Urls.Single() + "/catalog");
        return service;
    }

    public void Upsert(string id, DateTimeOffset updatedAt, string? json = null)
    {
        lock (_gate)
        {
            _items.RemoveAll(i => i.Id == id);
            _items.Add((updatedAt, id, json ?? $$"""{"item_id":"{{id}}","title":"Title of {{id}}","genres":["Drama"],"updated_at":"{{updatedAt:O}}"}"""));
        }
    }

    public void Delete(string id, DateTimeOffset at)
    {
        lock (_gate)
        {
            _items.RemoveAll(i => i.Id == id);
            _deleted.Add((at, id));
        }
    }

    /// <summary>The next <paramref name="count"/> requests answer 500.</summary>
    public void FailNext(int count)
    {
        lock (_gate)
        {
            _failures = count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private IResult Serve(HttpContext context)
    {
        var query = context.Request.Query;
        lock (_gate)
        {
            if (_failures > 0)
            {
                _failures--;
                _requests.Add($"500 {context.Request.QueryString}");
                return Results.StatusCode(500);
            }

            var since = query.TryGetValue("updated_since", out var s) ? DateTimeOffset.Parse(s!, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
            var offset = query.TryGetValue("page_token", out var t) ? int.Parse(t!, CultureInfo.InvariantCulture) : 0;
            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            var matching = _items.Where(i => i.UpdatedAt >= since).OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var page = matching.Skip(offset).Take(limit).ToList();
            var deleted = offset == 0 ? _deleted.Where(d => d.DeletedAt >= since).Select(d => $"\"{d.Id}\"") : [];
            var next = offset + limit < matching.Count ? $"\"{offset + limit}\"" : "null";
            var body = $$"""{"items":[{{string.Join(',', page.Select(i => i.Json))}}],"deleted":[{{string.Join(',', deleted)}}],"next_page_token":{{next}}}""";
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16]}\"";
            if (context.Request.Headers.IfNoneMatch.Contains(etag))
            {
                _requests.Add($"304 {context.Request.QueryString}");
                return Results.StatusCode(304);
            }

            _requests.Add($"200 {context.Request.QueryString}");
            context.Response.Headers.ETag = etag;
            return Results.Text(body, "application/json");
        }
    }
}
