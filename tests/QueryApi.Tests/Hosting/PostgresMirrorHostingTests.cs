using Microsoft.Extensions.DependencyInjection;
using RecoStreams.Mirror;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

/// <summary>How the host configures the Postgres mirror (the host is built, not started: no Postgres is needed).</summary>
public sealed class PostgresMirrorHostingTests
{
    [Fact]
    public async Task The_host_hands_its_Kafka_Consumer_section_to_the_mirrors_consumer()
    {
        var data = Directory.CreateTempSubdirectory("mirror-hosting-").FullName;
        try
        {
            var options = new RunOptions { DataDirectory = data, Urls = "http://127.0.0.1:0", Postgres = "Host=127.0.0.1;Port=1;Username=none" };
            using var embedded = EmbeddedKafka.Start(new RecoTopics(options.ApplicationId), partitions: 1);
            var (app, _) = await RecoStreamsHost.BuildAsync(
                options, embedded, ["--Kafka:Consumer:session.timeout.ms=3500", "--Kafka:Consumer:heartbeat.interval.ms=300"], TestContext.Current.CancellationToken);
            await using var _ = app;

            var overrides = app.Services.GetRequiredService<PostgresMirrorSettings>().ConsumerOverrides;
            Assert.NotNull(overrides);
            Assert.Equal(("3500", "300"), (overrides["session.timeout.ms"], overrides["heartbeat.interval.ms"]));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
