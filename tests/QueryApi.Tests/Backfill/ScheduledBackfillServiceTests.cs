using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Backfill;
using RecoStreams.QueryApi.Tests.Endpoints;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Backfill;

public sealed class ScheduledBackfillServiceTests
{
    [Fact]
    public async Task A_run_refreshes_every_local_user()
    {
        var queries = new InMemoryRecommendationQueries();
        foreach (var user in new[] { "ann", "bob", "cy" })
        {
            queries.Profiles[user] = new UserProfile(user, 10, 64, 10);
        }

        var publisher = new RecordingRefreshPublisher();
        var service = Service(queries, publisher);

        Assert.True(await service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["ann", "bob", "cy"], publisher.Users);
    }

    [Fact]
    public async Task A_run_during_a_rebalance_is_skipped_and_publishes_nothing()
    {
        var queries = new InMemoryRecommendationQueries { Rebalancing = true };
        queries.Profiles["ann"] = new UserProfile("ann", 10, 64, 10);
        var publisher = new RecordingRefreshPublisher();

        Assert.False(await Service(queries, publisher).RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Empty(publisher.Users);
    }

    [Fact]
    public void A_schedule_that_does_not_parse_fails_options_validation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Backfill:Enabled"] = "true", ["Backfill:Schedule"] = "every night" })
            .Build();
        var services = new ServiceCollection().AddScheduledBackfill(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScheduledBackfillOptions>>().Value);
        Assert.Contains("cron", error.Message, StringComparison.Ordinal);
    }

    private static ScheduledBackfillService Service(InMemoryRecommendationQueries queries, RecordingRefreshPublisher publisher) => new(
        Options.Create(new ScheduledBackfillOptions { Enabled = true, RatePerSecond = 1000 }),
        queries,
        new BackfillRunner(publisher),
        TimeProvider.System,
        NullLogger<ScheduledBackfillService>.Instance);
}
