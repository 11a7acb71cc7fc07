using RecoStreams.QueryApi.Tests.Schemas;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Cli;

public sealed class EvaluateVerbTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_memory_budget_that_is_not_positive_is_refused_before_anything_is_read(string mib)
    {
        var run = await CliRun.InvokeAsync(
            "evaluate", "--ratings", "/nonexistent/ratings.csv", "--items", "/nonexistent/movies.csv", "--memory-budget-mib", mib);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--memory-budget-mib must be positive.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public async Task A_sample_of_fewer_than_two_users_is_refused_before_anything_is_read(string users)
    {
        var run = await CliRun.InvokeAsync(
            "evaluate", "--ratings", "/nonexistent/ratings.csv", "--items", "/nonexistent/movies.csv", "--sample-users", users);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--sample-users must be at least 2.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", run.Output, StringComparison.Ordinal);
    }
}
