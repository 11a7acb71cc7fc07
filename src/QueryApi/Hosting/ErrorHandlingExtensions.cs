using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Http;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of RFC 7807 problem details for every error response.</summary>
public static class ErrorHandlingExtensions
{
    public static IServiceCollection AddRecoStreamsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsEnricher.Enrich);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Exceptions and body-less error statuses (401, 403, 404, 405, ...) both become problem details.
    /// Belongs first in the pipeline so it sees what every later middleware throws or returns.
    /// </summary>
    public static IApplicationBuilder UseRecoStreamsProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
