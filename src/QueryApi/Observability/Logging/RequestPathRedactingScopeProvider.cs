using Microsoft.Extensions.Logging;

namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>
/// The logging scopes of the host, except that ASP.NET Core's per-request scope names the raw request path
/// (<c>RequestPath: /recommendations/alice</c>), which put user ids into every log line of a request despite
/// <see cref="UserIdHasher"/>. Only the path's first segment is kept (<c>/recommendations/…</c>); the hashed
/// user is in the <see cref="UserLogScopeMiddleware.ScopeKey"/> scope, the route template in traces and metrics.
/// </summary>
public sealed class RequestPathRedactingScopeProvider : IExternalScopeProvider
{
    public const string RequestPathKey = "RequestPath";

    private readonly LoggerExternalScopeProvider _scopes = new();

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) => _scopes.ForEachScope(callback, state);

    public IDisposable Push(object? state) => _scopes.Push(Redact(state));

    /// <summary>"/recommendations/alice/refresh" → "/recommendations/…"; a one-segment path is kept.</summary>
    public static string RedactPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length < 2)
        {
            return path;
        }

        var second = path.IndexOf('/', 1);
        return second < 0 || second == path.Length - 1 ? path : path[..second] + "/…";
    }

    private static object? Redact(object? state) =>
        state is IReadOnlyList<KeyValuePair<string, object>> pairs && pairs.Any(p => p.Key == RequestPathKey)
            ? pairs.Select(p => p.Key == RequestPathKey && p.Value is string path ? new KeyValuePair<string, object>(p.Key, RedactPath(path)) : p).ToList()
            : state;
}
