namespace RecoStreams.QueryApi.Tests.Routing;

/// <summary>Between a forwarder and the owner's server: records what was sent, and can fail or stall like a dead owner.</summary>
internal sealed class RecordingOwnerHandler(HttpMessageHandler owner) : DelegatingHandler(owner)
{
    public List<(HttpMethod Method, Uri Uri, string? Forwarded, string? Authorization)> Requests { get; } = [];

    public Exception? Failure { get; set; }

    public TimeSpan Delay { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((
                request.Method,
                request.RequestUri!,
                request.Headers.TryGetValues("X-RecoStreams-Forwarded", out var forwarded) ? string.Join(",", forwarded) : null,
                request.Headers.Authorization?.ToString()));
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        await Task.Delay(Delay, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
