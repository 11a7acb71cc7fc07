using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Schemas;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Security;

public sealed class TokenVerbTests
{
    [Theory]
    [InlineData("admin", null, "admin")]
    [InlineData("service", null, "service")]
    [InlineData("user", "alice", null)]
    public async Task Prints_a_token_the_api_accepts_with_the_role_asked_for(string role, string? subject, string? expectedRole)
    {
        string[] args = subject is null
            ? ["token", "--role", role, "--secret", TestKeys.HmacSecret]
            : ["token", "--role", role, "--subject", subject, "--secret", TestKeys.HmacSecret];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(0, run.ExitCode);
        var validator = new JwtValidator(Microsoft.Extensions.Options.Options.Create(new JwtOptions { HmacSecret = TestKeys.HmacSecret }), TimeProvider.System);
        var principal = validator.Validate(run.Output.Trim()).Principal;
        Assert.NotNull(principal);
        Assert.Equal(subject ?? role, principal.FindFirst(JwtClaimTypes.Subject)?.Value);
        Assert.Equal(expectedRole is not null, expectedRole is not null && principal.IsInRole(expectedRole));
    }

    [Fact]
    public async Task A_short_secret_is_refused_with_one_line_and_no_stack_trace()
    {
        var run = await CliRun.InvokeAsync("token", "--secret", "short");

        Assert.Equal(QueryApi.Cli.TokenCommand.Failed, run.ExitCode);
        Assert.Contains("at least 32 bytes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
