using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) started on a loopback port with a throwaway
/// config and data folder, scraping the given targets every second; killed and deleted on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _client;

    private PrometheusServer(Process process, string directory, string address)
    {
        _process = process;
        _directory = directory;
        _client = new HttpClient { BaseAddress = new Uri($"http://{address}/") };
    }

    /// <summary>Skips the test, saying why, when the package is not installed.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<string> targets, string? ruleFile = null)
    {
        if (!File.Exists(Binary))
        {
            Assert.Skip($"{Binary} not found: install Debian's prometheus package (scripts/install-deps.sh, or apt-get install -y prometheus).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "reco-prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        var rules = ruleFile is null ? string.Empty : $"rule_files: ['{ruleFile}']\n";
        await File.WriteAllTextAsync(
            config,
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n" + rules +
            "scrape_configs:\n  - job_name: recostreams\n    static_configs:\n      - targets: [" +
            string.Join(", ", targets.Select(t => $"'{t}'")) + "]\n");
        var address = $"127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            "--web.listen-address=" + address,
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, address);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The instant vector a PromQL query answers: (labels, value) per series.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promQl)
    {
        var json = await _client.GetStringAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promQl), UriKind.Relative), CancellationToken.None);
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
        {
            throw new InvalidOperationException($"'{promQl}' answered a {data.GetProperty("resultType").GetString()}, not a vector.");
        }

        return data.GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The health of every loaded alerting rule, by alert name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RuleHealthAsync()
    {
        var json = await _client.GetStringAsync(new Uri("api/v1/rules", UriKind.Relative), CancellationToken.None);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("health").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var ready = await _client.GetAsync(new Uri("-/ready", UriKind.Relative), CancellationToken.None);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"prometheus was not ready within {StartDeadline.TotalSeconds} s.");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
