using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace RecoStreams.Backfill.Tests;

public sealed class ScheduledBackfillServiceTests
{
    [Fact]
    public async Task A_run_refreshes_every_local_user()
    {
        var publisher = new RecordingRefreshPublisher();
        var service = Service(new FixedLocalUsers(["ann", "bob", "cy"]), publisher);

        Assert.True(await service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["ann", "bob", "cy"], publisher.Users);
    }

    [Fact]
    public async Task A_run_during_a_rebalance_is_skipped_and_publishes_nothing()
    {
        var publisher = new RecordingRefreshPublisher();

        Assert.False(await Service(new FixedLocalUsers(null), publisher).RunOnceAsync(TestContext.Current.CancellationToken));
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

    private static ScheduledBackfillService Service(ILocalUsers localUsers, RecordingRefreshPublisher publisher) => new(
        Options.Create(new ScheduledBackfillOptions { Enabled = true, RatePerSecond = 1000 }),
        localUsers,
        new BackfillRunner(publisher),
        TimeProvider.System,
        NullLogger<ScheduledBackfillService>.Instance);

    /// <summary>The given users, or (null) an instance in a rebalance that cannot list them.</summary>
    private sealed class FixedLocalUsers(IReadOnlyList<string>? users) : ILocalUsers
    {
        public bool TryList([NotNullWhen(true)] out IReadOnlyList<string>? userIds, [NotNullWhen(false)] out string? unavailableReason)
        {
            userIds = users;
            unavailableReason = users is null ? "State stores are not queryable while the application is Rebalancing." : null;
            return users is not null;
        }
    }
}
