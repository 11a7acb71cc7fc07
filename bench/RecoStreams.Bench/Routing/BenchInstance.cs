using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.Streams.Kafka.Application;

namespace RecoStreams.Bench.Routing;

/// <summary>A whole instance as `run` builds it, on a loopback port, joined to a shared embedded cluster.</summary>
internal sealed class BenchInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private BenchInstance(WebApplication app, string endpoint, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Endpoint = endpoint;
        Streams = app.Services.GetRequiredService<KafkaStreams>();
    }

    public string Endpoint { get; }

    public KafkaStreams Streams { get; }

    public static async Task<BenchInstance> StartAsync(EmbeddedKafka cluster, string applicationId, string jwtSecret)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "reco-bench-routing-" + Guid.NewGuid().ToString("N"));
        var options = new RunOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            ApplicationId = applicationId,
            Urls = $"http://{endpoint}",
            DataDirectory = dataDirectory,
        };
        string[] args =
        [
            $"--Jwt:HmacSecret={jwtSecret}",
            "--Kafka:Consumer:session.timeout.ms=3500",
            "--Kafka:Consumer:heartbeat.interval.ms=300",
            "--RateLimit:PermitLimit=100000000",
            "--Logging:LogLevel:Default=Warning",
        ];
        var (app, _) = await RecoStreamsHost.BuildAsync(options, cluster, args, CancellationToken.None);
        await app.StartAsync(CancellationToken.None);
        return new BenchInstance(app, endpoint, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
