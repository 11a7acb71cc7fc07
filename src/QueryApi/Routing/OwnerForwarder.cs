using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Observability;
using RecoStreams.QueryApi.Observability.Tracing;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Routing;

/// <summary>
/// Sends a query to the instance that hosts its key: one hop, marked with <see cref="ForwardedHeader"/> so
/// the owner never forwards again, carrying the caller's credentials (the owner authorizes it too), within
/// <see cref="RoutingOptions.ForwardTimeout"/>. An owner that cannot be reached is a 503, not an error.
/// </summary>
public sealed class OwnerForwarder(IHttpClientFactory clients, IOptions<RoutingOptions> options, RecoStreamsMetrics metrics)
{
    public const string ClientName = "recostreams-owner";
    public const string ForwardedHeader = "X-RecoStreams-Forwarded";

    /// <summary>True for a request another instance forwarded here: answer it locally, whatever the directory says.</summary>
    public static bool IsForwarded(HttpRequest request) => request.Headers.ContainsKey(ForwardedHeader);

    /// <summary>Replays <paramref name="incoming"/>'s method, path and query at <paramref name="owner"/>.</summary>
    public Task<ForwardedResponse> ForwardAsync(HttpRequest incoming, string owner, string store, HttpContent? body, CancellationToken cancellationToken)
    {
        var target = new Uri($"{options.Value.Scheme}://{owner}{incoming.PathBase}{incoming.Path}{incoming.QueryString}");
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target) { Content = body };
        if (incoming.Headers.Authorization is { Count: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization.ToString());
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(ForwardedHeader, "1");
        return SendAsync(request, owner, store, cancellationToken);
    }

    private async Task<ForwardedResponse> SendAsync(HttpRequestMessage request, string owner, string store, CancellationToken cancellationToken)
    {
        using var _ = request;
        using var activity = RecoStreamsTracing.StartForwardedQuery(store, owner);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ForwardTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            metrics.RecordForwardedQuery("answered");
            return new ForwardedResponse(
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.RetryAfter?.ToString(),
                body);
        }
        catch (HttpRequestException e)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            metrics.RecordForwardedQuery("unreachable");
            throw Unreachable();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "timeout");
            metrics.RecordForwardedQuery("timeout");
            throw Unreachable();
        }
    }

    /// <summary>Mid-rebalance or a crashed owner: the directory will name the new owner within a heartbeat.</summary>
    private static ServiceUnavailableException Unreachable() =>
        new("The instance that hosts this user did not answer in time; retry shortly.", QueryUnavailable.RetryAfter);
}
