using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoStreams.QueryApi.Hosting;

namespace RecoStreams.QueryApi.Mirror;

/// <summary>DI wiring of the Postgres mirror.</summary>
public static class PostgresMirrorExtensions
{
    /// <summary>Registers the mirror and its "postgres-mirror" readiness signal when a connection string is given; otherwise nothing.</summary>
    public static IServiceCollection AddPostgresMirror(this IServiceCollection services, string? connectionString, string bootstrapServers, string applicationId)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton(new PostgresMirrorSettings(connectionString, bootstrapServers, applicationId));
        services.AddSingleton<PostgresMirrorReadiness>();
        services.AddReadinessSignal<PostgresMirrorReadiness>("postgres-mirror");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<MirrorMetrics>();
        services.AddHostedService<PostgresMirrorService>();
        return services;
    }
}
