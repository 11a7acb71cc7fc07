using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using RecoStreams.Hosting.Health;
using RecoStreams.Postgres.History;
using RecoStreams.Processors.Privacy;
using RecoStreams.Topology;

namespace RecoStreams.Mirror;

/// <summary>DI wiring of the Postgres mirror.</summary>
public static class PostgresMirrorExtensions
{
    /// <summary>
    /// Registers the mirror (with the engagement events as training history) and its "postgres-mirror"
    /// readiness signal when a connection string is given; otherwise nothing.
    /// </summary>
    /// <param name="allowsPersonalisation">
    /// The host's reader of the consents table, resolved from the container: the mirror keeps only consenting users' events.
    /// </param>
    /// <param name="consumerOverrides">The host's librdkafka consumer properties (<c>Kafka:Consumer</c>), for the mirror's consumer too.</param>
    public static IServiceCollection AddPostgresMirror(
        this IServiceCollection services,
        string? connectionString,
        string bootstrapServers,
        string applicationId,
        Func<IServiceProvider, Func<string, bool>> allowsPersonalisation,
        IReadOnlyDictionary<string, string>? consumerOverrides = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton(new PostgresMirrorSettings(connectionString, bootstrapServers, applicationId, consumerOverrides));
        services.AddSingleton<PostgresMirrorReadiness>();
        services.TryAddSingleton(sp => new EventHistoryMirroring(
            new UserIdHash(sp.GetRequiredService<RecoTopologyOptions>().Privacy.UserIdHashKey),
            allowsPersonalisation(sp)));
        services.TryAddSingleton(_ => new PostgresEngagementHistory(NpgsqlDataSource.Create(connectionString)));
        services.AddReadinessSignal<PostgresMirrorReadiness>("postgres-mirror");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<MirrorMetrics>();
        services.AddHostedService<PostgresMirrorService>();
        return services;
    }
}
