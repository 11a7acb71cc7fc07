using System.Net;
using System.Net.Sockets;
using RecoStreams.QueryApi.Tests.Schemas;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

/// <summary>Start-up failures a user causes end in one line saying what to fix, not a stack trace.</summary>
public sealed class RunFailureTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("run-failure-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("RECOSTREAMS__Jwt__HmacSecret", null);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_naming_the_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await CliRun.InvokeAsync("run", "--data-dir", _data, "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(QueryApi.Cli.RunCommand.Failed, run.ExitCode);
        Assert.Contains("run failed:", run.Error, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_hmac_secret_is_one_line_naming_the_setting()
    {
        Environment.SetEnvironmentVariable("RECOSTREAMS__Jwt__HmacSecret", "too-short");

        var run = await CliRun.InvokeAsync("run", "--data-dir", _data, "--urls", "http://127.0.0.1:0");

        Assert.Equal(QueryApi.Cli.RunCommand.Failed, run.ExitCode);
        Assert.Contains("Jwt:HmacSecret must be at least 32 bytes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
