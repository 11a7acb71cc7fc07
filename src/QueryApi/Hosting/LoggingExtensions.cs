using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Observability.Logging;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of structured JSON logs and user id pseudonymisation.</summary>
public static class LoggingExtensions
{
    /// <summary>
    /// ASP.NET Core writes several Information lines per request (starting, routing, authorization,
    /// finished), and the HTTP client two per forwarded query, with the request URI and so a raw user id.
    /// As JSON on stdout they cost more than serving a cached list.
    /// </summary>
    private static readonly string[] PerRequestCategories = ["Microsoft.AspNetCore", "System.Net.Http.HttpClient"];

    /// <summary>
    /// The health check service logs every Unhealthy result at Error, so each readiness probe while the instance
    /// starts, restores or rebalances (an expected, temporary state that /health/ready reports) wrote an Error.
    /// </summary>
    private const string HealthCheckCategory = "Microsoft.Extensions.Diagnostics.HealthChecks";

    /// <summary>
    /// Logs request start and finish, and opens the per-request scope (RequestPath, RequestId) when it is on
    /// at any level: the raw path holds user ids (/recommendations/{userId}), so it is off unless
    /// configured; the user log scope carries the hashed id instead.
    /// </summary>
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// One JSON object per line on stdout (the built-in JSON console formatter), UTC timestamps, scopes
    /// included, and the current trace and span ids so logs join up with traces.
    /// </summary>
    public static ILoggingBuilder AddRecoStreamsJsonConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });
        logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Warning by default; configuration (e.g. Logging:LogLevel:Microsoft.AspNetCore) still decides
        // when it names the category.
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var category in PerRequestCategories.Where(c => !options.Rules.Any(r => r.CategoryName == c)))
            {
                options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Warning, null));
            }

            if (!options.Rules.Any(r => r.CategoryName == HealthCheckCategory))
            {
                options.Rules.Add(new LoggerFilterRule(null, HealthCheckCategory, LogLevel.Critical, null));
            }

            // Configuration that asks for request logs (Information or below on this category or a prefix of it) wins.
            if (!options.Rules.Any(r => r.CategoryName is { } c && r.LogLevel <= LogLevel.Information
                && (HostingDiagnosticsCategory == c || HostingDiagnosticsCategory.StartsWith(c + ".", StringComparison.Ordinal))))
            {
                options.Rules.Add(new LoggerFilterRule(null, HostingDiagnosticsCategory, LogLevel.None, null));
            }
        });
        return logging;
    }

    /// <summary>Registers <see cref="UserIdHasher"/> keyed from the "UserIdHashing" section.</summary>
    public static IServiceCollection AddRecoStreamsUserIdHashing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UserIdHashingOptions>()
            .Bind(configuration.GetSection(UserIdHashingOptions.SectionName))
            .Validate(
                o => string.IsNullOrEmpty(o.Key) || System.Text.Encoding.UTF8.GetByteCount(o.Key) >= UserIdHashingOptions.MinKeyBytes,
                $"UserIdHashing:Key must be at least {UserIdHashingOptions.MinKeyBytes} bytes.")
            .ValidateOnStart();
        services.AddSingleton<UserIdHasher>();
        // The logger factory takes its scope provider from the container: this one keeps raw paths out of scopes.
        services.AddSingleton<IExternalScopeProvider, RequestPathRedactingScopeProvider>();
        return services;
    }

    /// <summary>Adds the hashed user id to the logging scope; must follow authentication.</summary>
    public static IApplicationBuilder UseRecoStreamsUserLogScope(this IApplicationBuilder app) =>
        app.UseMiddleware<UserLogScopeMiddleware>();
}
