using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoStreams.Backfill;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Recommending;
using RecoStreams.QueryApi.Endpoints;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Routing;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Wiring of the interactive-query endpoints (recommendations, items, trending, profiles, feedback, privacy, admin).</summary>
public static class QueryEndpointsExtensions
{
    /// <summary>
    /// Queries over the registered <see cref="KafkaStreams"/>, the Kafka publisher and the recommender used
    /// for cold starts. Each registration is a TryAdd, so tests (or a host) may register their own first.
    /// Needs <see cref="StreamsOptions"/>, <see cref="KafkaStreams"/>, <see cref="RecoStreamsTopology"/> and
    /// the schema registry client in the container.
    /// </summary>
    public static IServiceCollection AddRecoStreamsQueries(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The topology is built from defaults plus the application id; a host that tunes it registers its own.
        services.TryAddSingleton(sp => new RecoTopologyOptions { ApplicationId = sp.GetRequiredService<StreamsOptions>().ApplicationId });
        services.TryAddSingleton(sp => sp.GetRequiredService<RecoTopologyOptions>().Affinity);
        services.TryAddSingleton(sp => new UserClassifier(sp.GetRequiredService<RecoTopologyOptions>().UserClasses));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<RecoTopologyOptions>();
            return new Recommender(options.Recommender, options.Affinity, options.UserClasses);
        });
        services.TryAddSingleton<IPartitionCountSource>(sp =>
            new TopicAdminPartitionCounts(new Streams.Kafka.Admin.KafkaTopicAdmin(
                sp.GetService<KafkaClientOptions>() ?? KafkaClientOptions.From(sp.GetRequiredService<StreamsOptions>()))));
        services.TryAddSingleton<IRecommendationQueries, KafkaStreamsRecommendationQueries>();
        services.TryAddSingleton<IRecoEventPublisher>(sp => new KafkaRecoEventPublisher(
            sp.GetRequiredService<StreamsOptions>(),
            sp.GetRequiredService<RecoStreamsTopology>().Topics,
            sp.GetRequiredService<Avro.Registry.ISchemaRegistryClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<KafkaClientOptions>()?.ClientLog));
        services.TryAddSingleton(sp => sp.GetService<RecoStreamsTopology>()?.Experiments ?? new Processors.Experiments.ExperimentCatalog());
        services.AddOptions<ExposureWriterOptions>()
            .BindConfiguration(ExposureWriterOptions.SectionName)
            .Validate(o => o.Capacity > 0 && o.MaxBatch > 0, "Experiments:ExposureWriter:Capacity and MaxBatch must be positive.")
            .Validate(o => o.StopTimeout >= TimeSpan.Zero && o.DrainInterval >= TimeSpan.Zero, "Experiments:ExposureWriter:StopTimeout and DrainInterval must not be negative.")
            .Validate(o => o.Linger >= TimeSpan.Zero && o.Linger <= ExposureWriterOptions.MaxLinger, "Experiments:ExposureWriter:Linger must be 0 to 5 s (half the exposure producer's message timeout).")
            .ValidateOnStart();
        services.TryAddSingleton<IExperimentEvents>(sp => new KafkaExperimentEvents(
            sp.GetRequiredService<StreamsOptions>(),
            sp.GetRequiredService<RecoStreamsTopology>().Topics,
            sp.GetRequiredService<Avro.Registry.ISchemaRegistryClient>(),
            sp.GetRequiredService<RecoTopologyOptions>().Experiments.LogExposures,
            sp.GetRequiredService<IOptions<ExposureWriterOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ExposureWriter>(),
            sp.GetService<KafkaClientOptions>()?.ClientLog));
        services.TryAddSingleton<IExperimentCountsQueries, KafkaStreamsExperimentCountsQueries>();
        services.TryAddSingleton<IPrivacyPublisher>(sp => new KafkaPrivacyPublisher(
            sp.GetRequiredService<StreamsOptions>(),
            sp.GetRequiredService<RecoStreamsTopology>().Topics,
            sp.GetRequiredService<Avro.Registry.ISchemaRegistryClient>(),
            sp.GetService<KafkaClientOptions>()?.ClientLog));
        services.TryAddSingleton<IConsentReader, KafkaStreamsConsentReader>();
        services.TryAddSingleton<RecommendationReader>();
        // What the backfill project asks of the host: refreshes on the query API's producer, the users of the local stores.
        services.TryAddSingleton<IRefreshPublisher>(sp => sp.GetRequiredService<IRecoEventPublisher>());
        services.TryAddSingleton<ILocalUsers, QueriedLocalUsers>();
        return services.AddBackfillRunner().AddQueryRouting();
    }

    /// <summary>Forwarding of single-user reads to the instance that hosts the user (needs <see cref="KafkaStreams"/> unless a locator is registered).</summary>
    private static IServiceCollection AddQueryRouting(this IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>()
            .BindConfiguration(RoutingOptions.SectionName)
            .Validate(o => o.ForwardTimeout > TimeSpan.Zero, "Routing:ForwardTimeout must be positive.")
            .Validate(o => o.Scheme is "http" or "https", "Routing:Scheme must be http or https.")
            .ValidateOnStart();
        // The forwarder applies Routing:ForwardTimeout per request itself.
        services.AddHttpClient(OwnerForwarder.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<OwnerForwarder>();
        services.TryAddSingleton<IUserLocator, KafkaStreamsUserLocator>();
        return services;
    }

    /// <summary>Maps every query endpoint; call after <c>UseRecoStreamsWebPipeline</c>.</summary>
    public static IEndpointRouteBuilder MapRecoStreamsQueryEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapRecommendationEndpoints()
            .MapItemEndpoints()
            .MapUserProfileEndpoints()
            .MapFeedbackEndpoints()
            .MapEventEndpoints()
            .MapExperimentEndpoints()
            .MapPrivacyEndpoints()
            .MapAdminEndpoints();
}
