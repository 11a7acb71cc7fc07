using System.Diagnostics;
using Xunit;

namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>deploy/prometheus/alerts.yml is valid and behaves as its unit tests (alerts.test.yml) say, per promtool.</summary>
public sealed class AlertRulesTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Fact]
    public async Task Alert_rules_pass_promtool_check()
    {
        var (code, output) = await RunPromtoolAsync("check", "rules", "alerts.yml");
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_rules_fire_as_their_promtool_unit_tests_expect()
    {
        var (code, output) = await RunPromtoolAsync("test", "rules", "alerts.test.yml");
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(params string[] arguments)
    {
        if (!File.Exists(Promtool))
        {
            Assert.Skip($"{Promtool} not found: install Debian's prometheus package (scripts/install-deps.sh, or apt-get install -y prometheus).");
        }

        var folder = DeployFolder.Find("prometheus") ?? throw new DirectoryNotFoundException("deploy/prometheus was not found above the test's working directory.");
        var start = new ProcessStartInfo(Promtool)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        var output = await stdout + await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        return (process.ExitCode, output);
    }
}
