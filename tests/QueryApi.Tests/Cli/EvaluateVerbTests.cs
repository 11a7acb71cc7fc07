using RecoStreams.QueryApi.Tests.Schemas;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Cli;

public sealed class EvaluateVerbTests
{
    [Theory]
    [InlineData("--memory-budget-mib", "0", "--memory-budget-mib must be positive.")]
    [InlineData("--memory-budget-mib", "-1", "--memory-budget-mib must be positive.")]
    [InlineData("--sample-users", "1", "--sample-users must be at least 2.")]
    [InlineData("--sample-users", "0", "--sample-users must be at least 2.")]
    public async Task An_option_out_of_its_range_is_refused_with_its_message_before_anything_is_read(string option, string value, string message)
    {
        var run = await CliRun.InvokeAsync(
            "evaluate", "--ratings", "/nonexistent/ratings.csv", "--items", "/nonexistent/movies.csv", option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", run.Output, StringComparison.Ordinal);
    }
}
