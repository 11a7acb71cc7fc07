using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoStreams.Avro.Registry;
using RecoStreams.Hosting.Scheduling;
using RecoStreams.Mirror;
using RecoStreams.Postgres.History;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Streams;
using RecoStreams.Topology;

namespace RecoStreams.Training;

public static class ModelLifecycleExtensions
{
    /// <summary>
    /// Model training jobs, activation and the model tables (needs <see cref="StreamsOptions"/>,
    /// <see cref="RecoTopologyOptions"/>, the schema registry client and <c>KafkaStreams</c>), with
    /// <see cref="ModelTrainingOptions"/> bound from the "Models" section, and the nightly training when
    /// Models:ScheduleEnabled. A schedule that does not parse fails the start, not the night.
    /// </summary>
    public static IServiceCollection AddModelLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelTrainingOptions>()
            .Bind(configuration.GetSection(ModelTrainingOptions.SectionName))
            .Validate(o => o.HoldoutFraction is > 0 and < 1, "Models:HoldoutFraction must lie between 0 and 1.")
            .Validate(o => o.NeighboursPerItem is > 0 and <= 1000, "Models:NeighboursPerItem must be from 1 to 1000.")
            .Validate(o => o.MaxEvents > 0 && o.MaxHoldoutUsers > 0, "Models:MaxEvents and Models:MaxHoldoutUsers must be positive.")
            .Validate(o => o.RetainedVersions >= 1 && o.RetainedChampions >= 0, "Models:RetainedVersions must be at least 1 and Models:RetainedChampions at least 0.")
            .Validate(o => o.ReadBackTimeout > TimeSpan.Zero, "Models:ReadBackTimeout must be positive.")
            .Validate(o => o.Gate.CoverageFloor is >= 0 and <= 1, "Models:Gate:CoverageFloor must lie between 0 and 1.")
            .Validate(o => CronSchedule.IsValid(o.Schedule), "Models:Schedule must be a five-field cron expression (minute hour day-of-month month day-of-week).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelTrainerFactory>();
        services.TryAddSingleton(sp =>
        {
            var topology = sp.GetRequiredService<RecoTopologyOptions>();
            var o = sp.GetRequiredService<IOptions<ModelTrainingOptions>>().Value;
            var replay = new ReplayOptions
            {
                Affinity = topology.Affinity,
                CoVisitation = topology.CoVisitation,
                Popularity = topology.Popularity,
                Recommender = topology.Recommender,
                UserClasses = topology.UserClasses,
                Validation = topology.Validation,
            };
            return new ModelTraining(
                sp.GetRequiredService<ModelTrainerFactory>(),
                replay,
                new PromotionGate(o.Gate),
                new TrainingSettings(o.HoldoutFraction, o.NeighboursPerItem, o.MaxHoldoutUsers));
        });
        services.TryAddSingleton(sp => new EngagementHistoryReader(
            sp.GetRequiredService<StreamsOptions>().BootstrapServers, sp.GetRequiredService<ISchemaRegistryClient>()));

        // The mirror keeps the history longer than the topic does: read it when the mirror is configured.
        services.TryAddSingleton<IEngagementHistorySource>(sp => sp.GetService<PostgresEngagementHistory>() is { } mirror
            ? new MirrorEngagementHistoryReader(mirror)
            : sp.GetRequiredService<EngagementHistoryReader>());
        services.TryAddSingleton(sp => new ModelTopicPublisher(
            sp.GetRequiredService<StreamsOptions>().BootstrapServers,
            sp.GetRequiredService<RecoStreamsTopology>().Topics,
            sp.GetRequiredService<ISchemaRegistryClient>()));
        services.TryAddSingleton<ModelTables>();
        services.TryAddSingleton<ModelVersionRetention>();
        services.TryAddSingleton<ModelTrainingJobs>();
        services.TryAddSingleton<ModelActivator>();
        if (configuration.GetSection(ModelTrainingOptions.SectionName).GetValue<bool>(nameof(ModelTrainingOptions.ScheduleEnabled)))
        {
            services.AddHostedService<ScheduledTrainingService>();
        }

        return services;
    }
}
