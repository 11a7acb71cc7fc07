using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoStreams.Hosting.Scheduling;

namespace RecoStreams.Backfill;

public static class BackfillExtensions
{
    /// <summary>
    /// The backfill runner and, when Backfill:Enabled, the scheduled backfill. The host registers the
    /// <see cref="IRefreshPublisher"/> and <see cref="ILocalUsers"/> they use. A schedule that does not parse
    /// fails the start, not the night.
    /// </summary>
    public static IServiceCollection AddScheduledBackfill(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduledBackfillOptions>()
            .Bind(configuration.GetSection(ScheduledBackfillOptions.SectionName))
            .Validate(o => o.RatePerSecond > 0, "Backfill:RatePerSecond must be positive.")
            .Validate(o => CronSchedule.IsValid(o.Schedule), "Backfill:Schedule must be a five-field cron expression (minute hour day-of-month month day-of-week).")
            .ValidateOnStart();
        services.AddBackfillRunner();
        if (configuration.GetSection(ScheduledBackfillOptions.SectionName).GetValue<bool>(nameof(ScheduledBackfillOptions.Enabled)))
        {
            services.AddHostedService<ScheduledBackfillService>();
        }

        return services;
    }

    /// <summary>The runner (refreshes through the host's <see cref="IRefreshPublisher"/>), its metrics, and the on-demand jobs of POST /admin/backfill.</summary>
    public static IServiceCollection AddBackfillRunner(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BackfillMetrics>();
        services.TryAddSingleton(sp => new BackfillRunner(sp.GetRequiredService<IRefreshPublisher>(), sp.GetRequiredService<BackfillMetrics>()));
        services.TryAddSingleton<BackfillJobs>();
        return services;
    }
}
