using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// The whole web infrastructure in one call each for services and pipeline, so the middleware order
/// (which several features depend on) lives in one place.
/// </summary>
public static class WebPipelineExtensions
{
    /// <summary>Problem details, metrics, JWT auth and policies, rate limiting, health, user id hashing, tracing.</summary>
    public static IServiceCollection AddRecoStreamsWebInfrastructure(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddRecoStreamsProblemDetails()
            .AddRecoStreamsMetrics()
            .AddRecoStreamsJwtAuthentication(configuration)
            .AddRecoStreamsRateLimiting(configuration)
            .AddRecoStreamsHealth()
            .AddRecoStreamsUserIdHashing(configuration)
            .AddRecoStreamsTracing(configuration);

    /// <summary>
    /// Tracing and metrics outermost (they must see the final status, even of a 500), then problem details
    /// (to catch everything below), routing, authentication, the user log scope and the rate limiter (both
    /// need the user), authorization; then maps <c>/metrics</c> and <c>/health/*</c>. Map API endpoints after.
    /// </summary>
    public static WebApplication UseRecoStreamsWebPipeline(this WebApplication app)
    {
        app.UseRecoStreamsTracing();
        app.UseRecoStreamsHttpMetrics();
        app.UseRecoStreamsProblemDetails();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRecoStreamsUserLogScope();
        app.UseRecoStreamsRateLimiting();
        app.UseAuthorization();
        app.MapRecoStreamsMetrics();
        app.MapRecoStreamsHealth();
        return app;
    }
}
