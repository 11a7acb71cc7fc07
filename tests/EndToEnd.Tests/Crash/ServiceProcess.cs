using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>How the crash tests run the service: the settings every incarnation shares.</summary>
internal sealed record ServiceSettings(
    string BootstrapServers,
    string ApplicationId,
    string DataDirectory,
    string Guarantee,
    int CommitIntervalMs,
    string JwtSecret,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Configuration);

/// <summary>
/// One incarnation of the real service in a child process: the built RecoStreams.QueryApi with the `run` verb,
/// exactly as a user runs it, so SIGKILL hits the service itself and nothing of it survives but its files and
/// what it wrote to Kafka. Output goes to a log file beside its data folder. Started without a shell, which
/// could drop configuration variables whose names hold dots (librdkafka properties).
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(Process process, StreamWriter log, string endpoint, string logPath)
    {
        _process = process;
        _log = log;
        Endpoint = endpoint;
        LogPath = logPath;
        StartedAt = Stopwatch.StartNew();
    }

    public string Endpoint { get; }

    public string LogPath { get; }

    public Stopwatch StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(ServiceSettings settings, int incarnation)
    {
        var endpoint = $"127.0.0.1:{FreePort()}";
        var logPath = Path.Combine(settings.DataDirectory, $"service-{incarnation:D2}.log");
        Directory.CreateDirectory(settings.DataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            ServiceBinary(), "run",
            "--bootstrap-servers", settings.BootstrapServers,
            "--application-id", settings.ApplicationId,
            "--data-dir", settings.DataDirectory,
            "--urls", $"http://{endpoint}",
            "--processing-guarantee", settings.Guarantee,
            "--commit-interval-ms", settings.CommitIntervalMs.ToString(CultureInfo.InvariantCulture),
            .. settings.Arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // Configuration keys reach the host as environment variables, as an operator would set them.
        var configuration = new Dictionary<string, string>(settings.Configuration)
        {
            ["Jwt:HmacSecret"] = settings.JwtSecret,
            ["RateLimit:PermitLimit"] = "100000000",
        };
        foreach (var (key, value) in configuration)
        {
            start.Environment["RECOSTREAMS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the service process.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, log, endpoint, logPath);
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no commit runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM: the host stops the streams cleanly (commit, checkpoint, leave the group).</summary>
    public bool Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        return _process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    public string LogTail(int lines = 40)
    {
        var all = File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>The service as built with the solution, in the same configuration as these tests.</summary>
    private static string ServiceBinary()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDirectory.Name;
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RecoStreams.sln")))
        {
            root = root.Parent;
        }

        var binary = root is null ? null : Path.Combine(root.FullName, "src", "QueryApi", "bin", configuration, framework, "RecoStreams.QueryApi.dll");
        return binary is not null && File.Exists(binary)
            ? binary
            : throw new FileNotFoundException($"The service binary is not built ({binary ?? "no RecoStreams.sln above " + testDirectory.FullName}): build the solution before these tests.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
