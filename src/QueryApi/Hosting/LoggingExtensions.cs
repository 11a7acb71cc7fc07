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
    private const string AspNetCoreCategory = "Microsoft.AspNetCore";

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

        // ASP.NET Core writes several Information lines per request (starting, routing, authorization,
        // finished); as JSON on stdout they cost more than serving a cached list. Warning by default;
        // configuration (Logging:LogLevel:Microsoft.AspNetCore) still decides when it names the category.
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            if (!options.Rules.Any(r => r.CategoryName == AspNetCoreCategory))
            {
                options.Rules.Add(new LoggerFilterRule(null, AspNetCoreCategory, LogLevel.Warning, null));
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
        return services;
    }

    /// <summary>Adds the hashed user id to the logging scope; must follow authentication.</summary>
    public static IApplicationBuilder UseRecoStreamsUserLogScope(this IApplicationBuilder app) =>
        app.UseMiddleware<UserLogScopeMiddleware>();
}
