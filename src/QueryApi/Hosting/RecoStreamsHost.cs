using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.Backfill;
using RecoStreams.Hosting.Health;
using RecoStreams.Ingestion.Catalog.Service;
using RecoStreams.Mirror;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Endpoints;
using RecoStreams.QueryApi.Observability;
using RecoStreams.QueryApi.Observability.Logging;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Topology;
using RecoStreams.Training;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>Builds and runs one RecoStreams instance: the streams application and its web API.</summary>
public static class RecoStreamsHost
{
    public static async Task<int> RunAsync(RunOptions options, string[] args, CancellationToken cancellationToken)
    {
        var topics = new RecoTopics(options.ApplicationId);
        using var embedded = options.Embedded ? EmbeddedKafka.Start(topics, options.Partitions) : null;
        var (app, demoToken) = await BuildAsync(options, embedded, args, cancellationToken);
        await using var _ = app;
        await app.StartAsync(cancellationToken);
        if (embedded is not null)
        {
            EmbeddedBootstrapFile.Write(options.DataDirectory, embedded.BootstrapServers);
        }

        var kafka = embedded is null ? options.BootstrapServers : $"{embedded.BootstrapServers} (embedded mock cluster)";
        Console.WriteLine($"RecoStreams query API listening on {string.Join(", ", app.Urls)}");
        Console.WriteLine($"Kafka: {kafka}; state: {options.DataDirectory}");
        if (demoToken is not null)
        {
            Console.WriteLine("No Jwt:HmacSecret configured: generated one for this run. Admin token (1 h):");
            Console.WriteLine(demoToken);
        }

        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            if (embedded is not null)
            {
                EmbeddedBootstrapFile.Delete(options.DataDirectory);
            }
        }

        return 0;
    }

    /// <summary>
    /// The web application with the streams runtime registered as a hosted service. When no JWT secret is
    /// configured, a random one is generated for this process and <paramref name="demoToken"/> is an
    /// admin token signed with it (the embedded default should be usable without set-up).
    /// </summary>
    public static async Task<(WebApplication App, string? DemoToken)> BuildAsync(
        RunOptions options, EmbeddedKafka? embedded, string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables(prefix: "RECOSTREAMS__");
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddRecoStreamsJsonConsole();

        string? demoToken = null;
        if (string.IsNullOrEmpty(builder.Configuration[$"{JwtOptions.SectionName}:{nameof(JwtOptions.HmacSecret)}"]))
        {
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            builder.Configuration[$"{JwtOptions.SectionName}:{nameof(JwtOptions.HmacSecret)}"] = secret;
            demoToken = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("admin") { Roles = [RecoStreamsPolicies.AdminRole] });
        }

        var streamsOptions = new StreamsOptions
        {
            ApplicationId = options.ApplicationId,
            CommitInterval = options.CommitInterval ?? StreamsOptions.DefaultCommitInterval(options.ProcessingGuarantee),
            BootstrapServers = embedded?.BootstrapServers ?? options.BootstrapServers!,
            StateDirectory = Path.Combine(options.DataDirectory, "state"),
            NumStreamThreads = options.StreamThreads,
            GroupInstanceId = options.GroupInstanceId,
            ProcessingGuarantee = options.ProcessingGuarantee,
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
            ApplicationServer = options.AdvertisedEndpoint(),
            CheckpointOffsetDelta = builder.Configuration.GetValue<long?>("Streams:CheckpointOffsetDelta") ?? StreamsOptions.DefaultCheckpointOffsetDelta,
        };
        Directory.CreateDirectory(options.DataDirectory);
        EmbeddedSchemaRegistry? embeddedRegistry = null;
        ISchemaRegistryClient registry;
        if (options.SchemaRegistryUrl is { } registryUrl)
        {
            registry = new SchemaRegistryClient(new HttpClient(), new SchemaRegistryClientOptions { BaseAddress = registryUrl });
        }
        else
        {
            // On real Kafka the registry log is the compacted _schemas topic, shared by every instance; the
            // embedded mock cluster's topics die with the process, so there it is a local file instead.
            ISchemaStore schemaLog = options.BootstrapServers is { } servers
                ? new KafkaSchemaStore(new KafkaSchemaStoreOptions { BootstrapServers = servers, Topic = RecoTopics.Schemas })
                : new FileSchemaStore(Path.Combine(options.DataDirectory, "schema-registry.log"));
            builder.Services.AddSingleton(schemaLog);
            embeddedRegistry = await EmbeddedSchemaRegistry.OpenAsync(schemaLog, cancellationToken);
            registry = embeddedRegistry;
        }

        var registryCalls = new SchemaRegistryCalls();
        registry = new MeteredSchemaRegistryClient(registry, registryCalls);
        builder.Services.AddSingleton(registryCalls);
        var topologyOptions = TopologyConfiguration.Read(builder.Configuration, options.ApplicationId);
        var reco = RecoStreamsTopology.Build(topologyOptions, registry);
        var description = reco.Topology.Describe(options.ApplicationId).ToString();

        builder.Services.AddSingleton(streamsOptions);
        builder.Services.AddSingleton(reco);
        builder.Services.AddSingleton(topologyOptions);
        builder.Services.AddSingleton(registry);
        var overrides = builder.Configuration.GetSection(KafkaClientOverridesOptions.SectionName).Get<KafkaClientOverridesOptions>() ?? new();
        var clientOptions = KafkaClientOptions.From(streamsOptions) with
        {
            ConsumerOverrides = overrides.Consumer,
            ProducerOverrides = overrides.Producer,
            AdminOverrides = overrides.Admin,
        };
        if (embedded is not null)
        {
            // Registered so the container disposes it (KafkaStreams only disposes an admin it created itself).
            builder.Services.AddSingleton(_ => embedded.CreateTopicAdmin());
        }

        builder.Services.AddSingleton(sp => clientOptions with { ClientLog = Observability.Logging.KafkaClientLog.To(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()) });
        builder.Services.AddSingleton(sp => new KafkaStreams(
            reco.Topology, streamsOptions, sp.GetRequiredService<KafkaClientOptions>(), sp.GetService<ITopicAdmin>(), meterFactory: sp.GetRequiredService<IMeterFactory>()));
        builder.Services.AddHostedService<TopologyMetrics>();
        builder.Services.AddHostedService<ExperimentMetrics>();
        builder.Services.AddSingleton<DeadLetterLogger>();
        builder.Services.AddHostedService<StreamsLifetime>();
        builder.Services.AddRecoStreamsWebInfrastructure(builder.Configuration);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<StreamsReadiness>();
        builder.Services.AddReadinessSignal<StreamsReadiness>("streams");
        builder.Services.AddCatalogConnector(builder.Configuration, streamsOptions.BootstrapServers, options.DataDirectory);
        builder.Services.AddPostgresMirror(
            options.Postgres, streamsOptions.BootstrapServers, options.ApplicationId, sp => sp.GetRequiredService<IConsentReader>().AllowsPersonalisation, overrides.Consumer);
        builder.Services.AddRecoStreamsQueries();
        builder.Services.AddScheduledBackfill(builder.Configuration);
        builder.Services.AddModelLifecycle(builder.Configuration);

        var app = builder.Build();
        app.UseRecoStreamsWebPipeline();
        app.MapOpenApi().RequireAuthorization();
        app.MapTopologyEndpoints(description);
        app.MapRecoStreamsQueryEndpoints();
        app.MapModelEndpoints();
        if (embeddedRegistry is not null)
        {
            app.MapEmbeddedSchemaRegistry(embeddedRegistry);
        }

        return (app, demoToken);
    }
}
