using System.Diagnostics;
using Xunit;

namespace RecoStreams.Backfill.Tests;

public sealed class BackfillRunnerTests
{
    [Fact]
    public async Task Requests_a_refresh_for_every_user_once_and_reports_progress_up_to_the_total()
    {
        var publisher = new RecordingRefreshPublisher();
        var users = Enumerable.Range(0, 250).Select(i => "user-" + i).ToList();
        var reports = new List<BackfillProgress>();

        var outcome = await new BackfillRunner(publisher).RunAsync(users, 100_000, new SyncProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal(users.Order(StringComparer.Ordinal), publisher.Users.Order(StringComparer.Ordinal));
        Assert.Equal((250, 250), (outcome.Done, outcome.Total));
        Assert.Equal(250, reports[^1].Done);
        Assert.True(reports.Select(r => r.Done).SequenceEqual(reports.Select(r => r.Done).Order()), "progress never goes back");
    }

    [Fact]
    public async Task Never_goes_faster_than_the_rate()
    {
        var users = Enumerable.Range(0, 60).Select(i => "user-" + i).ToList();
        var clock = Stopwatch.StartNew();

        await new BackfillRunner(new RecordingRefreshPublisher()).RunAsync(users, 100, null, TestContext.Current.CancellationToken);

        // 60 users at 100/s in batches of 10: the last batch may start at 0.5 s, never earlier.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.5), $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        var publisher = new RecordingRefreshPublisher();
        using var cancel = new CancellationTokenSource();
        var users = Enumerable.Range(0, 1000).Select(i => "user-" + i).ToList();
        var progress = new SyncProgress(p =>
        {
            if (p.Done >= 10)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new BackfillRunner(publisher).RunAsync(users, 20, progress, cancel.Token));
        Assert.InRange(publisher.Users.Count, 10, 20);
    }

    [Fact]
    public void Progress_estimates_the_time_left_from_the_rate_so_far()
    {
        var halfway = new BackfillProgress(50, 100, TimeSpan.FromSeconds(10));

        Assert.Equal(5, halfway.UsersPerSecond, 6);
        Assert.Equal(TimeSpan.FromSeconds(10), halfway.Remaining);
        Assert.Null(new BackfillProgress(0, 100, TimeSpan.Zero).Remaining);
    }

    private sealed class SyncProgress(Action<BackfillProgress> report) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => report(value);
    }
}
