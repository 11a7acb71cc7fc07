using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Http;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of per-caller rate limiting. Endpoints marked <c>DisableRateLimiting()</c> (health, metrics) are exempt.</summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddRecoStreamsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.PermitLimit > 0, "RateLimit:PermitLimit must be positive.")
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1), "RateLimit:Window must be at least one second.")
            .Validate(o => o.SegmentsPerWindow > 0, "RateLimit:SegmentsPerWindow must be positive.")
            .ValidateOnStart();

        services.AddRateLimiter(_ => { });
        // Configured from resolved options so configuration binding and validation apply to the limiter too.
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
            {
                var options = limits.Value;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
                    context => RateLimitPartitions.For(context, options));
                limiter.OnRejected = (context, ct) => RateLimitPartitions.OnRejected(context, options, ct);
            });
        return services;
    }

    /// <summary>Must follow authentication, so authenticated callers are limited by subject rather than IP.</summary>
    public static IApplicationBuilder UseRecoStreamsRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();
}
