namespace RecoStreams.QueryApi.Routing;

/// <summary>How a query for a key hosted by another instance is forwarded there, bound from the "Routing" section.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Scheme of the other instances' application.server endpoints.</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>How long the owner may take before the caller gets a 503 with Retry-After instead.</summary>
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
