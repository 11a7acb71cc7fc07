using RecoStreams.Postgres.Delivery;
using Xunit;

namespace RecoStreams.Mirror.Tests;

public sealed class PostgresMirrorReadinessTests
{
    [Fact]
    public async Task Postgres_unreachable_at_startup_keeps_the_instance_ready_and_says_degraded()
    {
        var readiness = new PostgresMirrorReadiness();

        readiness.ReportStartupFailure("connection refused");
        var result = await readiness.CheckAsync(TestContext.Current.CancellationToken);

        Assert.True(result.IsReady);
        Assert.StartsWith("degraded: postgres mirror not started (connection refused)", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_worker_status_is_reported_as_healthy()
    {
        var readiness = new PostgresMirrorReadiness();

        readiness.Attach(new SinkStatus());
        var result = await readiness.CheckAsync(TestContext.Current.CancellationToken);

        Assert.True(result.IsReady);
        Assert.StartsWith("postgres mirror healthy", result.Description, StringComparison.Ordinal);
    }
}
