using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RecoStreams.Postgres.Tests.Harness;

/// <summary>
/// A PostgreSQL cluster owned by the tests: the same commands as scripts/postgres/start.sh (initdb and
/// pg_ctl as the 'postgres' user, trust auth, loopback only, its own temp directory), driven from .NET so
/// a test can stop and start the server to simulate an outage. It never touches the default cluster.
/// </summary>
internal sealed class ThrowawayPostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;

    private ThrowawayPostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string for the maintenance database 'postgres'.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>Why a throwaway server cannot be started here, or null when it can.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "throwaway PostgreSQL servers are only supported on Linux";
        }

        if (Environment.UserName != "root")
        {
            return "starting a throwaway PostgreSQL needs root (initdb/pg_ctl run as 'postgres' via runuser)";
        }

        return File.Exists(Path.Combine(BinDirectory, "initdb"))
            ? null
            : $"PostgreSQL binaries are missing in {BinDirectory} (apt-get install -y postgresql)";
    }

    public static async Task<ThrowawayPostgresServer> StartNewAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("recostreams-pg-test.").FullName;
        var server = new ThrowawayPostgresServer(directory, FreeLoopbackPort());
        try
        {
            await RunAsync("chown", ["postgres:", directory], cancellationToken);
            await server.RunAsPostgresAsync(
                "initdb",
                ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
                cancellationToken);
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        RunAsPostgresAsync(
            "pg_ctl",
            ["-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-w",
             "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1", "start"],
            cancellationToken);

    /// <summary>Fast shutdown: open sessions are terminated (57P01), as in a real failover or restart.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await StopAsync(CancellationToken.None);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private Task RunAsPostgresAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments], cancellationToken);

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', startInfo.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    // The port is released before postgres binds it; a collision in that window fails the start loudly.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
