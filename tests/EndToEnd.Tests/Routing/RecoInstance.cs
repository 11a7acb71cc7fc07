using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.Streams.Kafka.Application;

namespace RecoStreams.EndToEnd.Tests.Routing;

/// <summary>
/// One whole RecoStreams instance as `run` builds it (streams runtime, Kestrel on a loopback port, its own
/// state directory), joined to a shared mock cluster and to the cluster's _schemas registry log.
/// </summary>
internal sealed class RecoInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private bool _stopped;

    private RecoInstance(WebApplication app, string endpoint, string dataDirectory, string token)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Endpoint = endpoint;
        Streams = app.Services.GetRequiredService<KafkaStreams>();
        Client = new HttpClient { BaseAddress = new Uri($"http://{endpoint}/") };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Endpoint { get; }

    public KafkaStreams Streams { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="postgres">Connection string of the Postgres mirror; null leaves the mirror off.</param>
    /// <param name="extraArgs">More configuration, after the defaults (so it wins).</param>
    public static async Task<RecoInstance> StartAsync(
        EmbeddedKafka cluster, string applicationId, string jwtSecret, string adminToken, string? postgres = null, IReadOnlyList<string>? extraArgs = null)
    {
        var endpoint = $"127.0.0.1:{FreePort()}";
        var dataDirectory = Path.Combine(Path.GetTempPath(), "reco-routing-" + Guid.NewGuid().ToString("N"));
        var options = new RunOptions
        {
            // Bootstrap servers (not the embedded default) so every instance shares the cluster's _schemas log.
            BootstrapServers = cluster.BootstrapServers,
            ApplicationId = applicationId,
            Urls = $"http://{endpoint}",
            DataDirectory = dataDirectory,
            // Nothing processed stays uncommitted for long, so moving a partition replays (almost) nothing
            // and lists do not change just because a task moved.
            CommitInterval = TimeSpan.FromMilliseconds(500),
            Postgres = postgres,
        };
        string[] args =
        [
            $"--Jwt:HmacSecret={jwtSecret}",
            // The mock's coordinator waits most of a session timeout for members in each rebalance.
            "--Kafka:Consumer:session.timeout.ms=3500",
            "--Kafka:Consumer:heartbeat.interval.ms=300",
            "--RateLimit:PermitLimit=100000000",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs ?? [],
        ];
        var (app, _) = await RecoStreamsHost.BuildAsync(options, cluster, args, CancellationToken.None);
        await app.StartAsync(CancellationToken.None);
        return new RecoInstance(app, endpoint, dataDirectory, adminToken);
    }

    /// <summary>A clean stop: the streams close (committing, withdrawing the advertisement) and Kestrel stops.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync(CancellationToken.None);
        }
    }

    public async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None), response.Headers.RetryAfter?.Delta);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
