using System.Diagnostics;

namespace RecoStreams.QueryApi.Observability.Tracing;

/// <summary>
/// The app's <see cref="ActivitySource"/> and the spans other components start. Without a configured OTLP
/// endpoint nothing listens, so starting a span returns null and costs next to nothing.
/// </summary>
public static class RecoStreamsTracing
{
    public const string SourceName = "RecoStreams";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>A client span around an interactive query forwarded to the instance that owns the key.</summary>
    public static Activity? StartForwardedQuery(string store, string targetInstance)
    {
        var activity = Source.StartActivity("forward " + store, ActivityKind.Client);
        activity?.SetTag("recostreams.store", store);
        activity?.SetTag("server.address", targetInstance);
        return activity;
    }
}
