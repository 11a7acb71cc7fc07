using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>
/// Reads the Catalog Service's incremental feed. The contract this connector relies on:
/// <code>
/// GET {base}/items?updated_since=&lt;ISO 8601, inclusive; omitted = everything&gt;&amp;page_token=&lt;t&gt;&amp;limit=&lt;n&gt;
/// 200 {"items": [CatalogItem JSON, ...], "deleted": ["item id", ...], "next_page_token": "..." | null}
/// 304 when If-None-Match matches the first page's ETag (nothing changed)
/// </code>
/// Items are ordered by updated_at ascending across pages, so a cursor saved after any page never skips
/// an item on a later page. updated_since is inclusive, so the items at the cursor are delivered again:
/// publishing is at-least-once and idempotent on the compacted topic. "deleted" lists ids removed at or
/// after updated_since. 5xx, 408, 429, timeouts and connection failures are retried with exponential backoff.
/// </summary>
public sealed class CatalogServiceClient(HttpClient http, CatalogConnectorOptions options)
{
    public async Task<CatalogPage> GetPageAsync(DateTimeOffset? updatedSince, string? pageToken, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var uri = PageUri(updatedSince, pageToken);
        var backoff = options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (ifNoneMatch is not null && EntityTagHeaderValue.TryParse(ifNoneMatch, out var tag))
                {
                    request.Headers.IfNoneMatch.Add(tag);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RequestTimeout);
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return CatalogPage.NotModified;
                }

                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    return CatalogPage.Parse(body, response.Headers.ETag?.ToString());
                }

                if (!IsTransient(response.StatusCode))
                {
                    throw new CatalogServiceException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {options.RequestTimeout}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }

            if (attempt >= options.MaxRetries)
            {
                throw new CatalogServiceException($"GET {uri} failed {attempt + 1} times; last: {failure}.");
            }

            // Full jitter: many instances restarting together should not retry in lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds), cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private Uri PageUri(DateTimeOffset? updatedSince, string? pageToken)
    {
        var query = new List<string> { $"limit={options.PageSize.ToString(CultureInfo.InvariantCulture)}" };
        if (updatedSince is { } since)
        {
            query.Add("updated_since=" + Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));
        }

        if (pageToken is not null)
        {
            query.Add("page_token=" + Uri.EscapeDataString(pageToken));
        }

        var baseUri = options.ServiceUrl ?? throw new InvalidOperationException("Catalog:ServiceUrl is not configured.");
        return new Uri(new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/"), "items?" + string.Join('&', query));
    }
}
