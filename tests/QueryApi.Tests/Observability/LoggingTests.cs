using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RecoStreams.Hosting.Health;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Observability.Logging;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class LoggingTests
{
    private const string Key = "a-hashing-key-that-is-at-least-32-bytes-long";

    [Fact]
    public void Hash_is_stable_for_one_key_differs_across_keys_and_hides_the_id()
    {
        var hasher = Hasher(Key);

        var hash = hasher.Hash("alice@example.com");

        Assert.Equal(hash, Hasher(Key).Hash("alice@example.com"));
        Assert.NotEqual(hash, Hasher(Key + "-other").Hash("alice@example.com"));
        Assert.NotEqual(hash, hasher.Hash("bob@example.com"));
        Assert.Matches("^[0-9a-f]{24}$", hash);
    }

    [Fact]
    public void Without_a_configured_key_hashes_use_a_random_per_process_key()
    {
        Assert.NotEqual(Hasher(null).Hash("alice"), Hasher(null).Hash("alice"));
    }

    [Fact]
    public void Json_console_formatter_is_configured_with_scopes_and_utc_timestamps()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddRecoStreamsJsonConsole());
        using var provider = services.BuildServiceProvider();

        var console = provider.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        var json = provider.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value;
        var factory = provider.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
        Assert.Equal(ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId, factory.ActivityTrackingOptions);
    }

    [Fact]
    public async Task Logs_of_an_authenticated_request_carry_the_hashed_user_id_never_the_id()
    {
        var entry = await LogOfRequestAsUser("/work", "/work", LogLevel.Information);

        var userHash = Assert.Single(entry.Scope, s => s.Key == UserLogScopeMiddleware.ScopeKey).Value;
        Assert.Equal(Hasher(Key).Hash("user-4711"), userHash);
        Assert.DoesNotContain(entry.Scope, s => s.Value?.ToString()?.Contains("user-4711", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Request_scopes_do_not_carry_a_user_id_from_the_path()
    {
        var entry = await LogOfRequestAsUser("/users/{userId}/work", "/users/user-4711/work", LogLevel.Information);

        Assert.Contains(entry.Scope, s => s.Key == RequestPathRedactingScopeProvider.RequestPathKey && Equals(s.Value, "/users/…"));
        Assert.DoesNotContain(entry.Scope, s => s.Value?.ToString()?.Contains("user-4711", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_readiness_probe_that_is_not_ready_yet_logs_no_error()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                builder.Logging.AddRecoStreamsJsonConsole();
                builder.Logging.AddProvider(logs);
                builder.Services.AddRecoStreamsHealth();
                builder.Services.AddReadinessSignal("streams", new ReadinessSignal("starting"));
            },
            app => app.MapRecoStreamsHealth());

        var response = await host.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public void A_librdkafka_line_becomes_a_structured_entry_at_its_level()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        KafkaClientLog.To(factory)(new Confluent.Kafka.LogMessage("rdkafka#producer-1", Confluent.Kafka.SyslogLevel.Warning, "FAIL", "127.0.0.1:1/bootstrap: Connection refused"));

        var entry = Assert.Single(logs.Entries);
        Assert.Equal((KafkaClientLog.Category, LogLevel.Warning), (entry.Category, entry.Level));
        Assert.Equal("librdkafka FAIL [rdkafka#producer-1]: 127.0.0.1:1/bootstrap: Connection refused", entry.Message);
    }

    [Fact]
    public async Task The_host_routes_the_streams_runtimes_client_logs_into_the_structured_log()
    {
        var data = Directory.CreateTempSubdirectory("client-log-").FullName;
        try
        {
            var options = new RunOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" };
            using var embedded = RecoStreams.QueryApi.Embedded.EmbeddedKafka.Start(new RecoStreams.Topology.RecoTopics(options.ApplicationId), partitions: 1);
            var (app, _) = await RecoStreamsHost.BuildAsync(options, embedded, [], TestContext.Current.CancellationToken);
            await using var _ = app;

            Assert.NotNull(app.Services.GetRequiredService<RecoStreams.Streams.Kafka.Clients.KafkaClientOptions>().ClientLog);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Logs_of_a_request_whose_path_names_the_user_carry_no_raw_path()
    {
        var entry = await LogOfRequestAsUser("/recommendations/{userId}", "/recommendations/user-4711", LogLevel.Warning, jsonConsole: true);

        Assert.Contains(entry.Scope, s => s.Key == UserLogScopeMiddleware.ScopeKey);
        Assert.DoesNotContain(entry.Scope, s => s.Value?.ToString()?.Contains("user-4711", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// Serves one request authenticated as user-4711 on <paramref name="route"/>, whose handler logs "served a query" at
    /// <paramref name="level"/>, through the host's authentication, user-id hashing and user log scope; returns that entry.
    /// </summary>
    private static async Task<CapturingLoggerProvider.LogEntry> LogOfRequestAsUser(string route, string path, LogLevel level, bool jsonConsole = false)
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                if (jsonConsole)
                {
                    builder.Logging.AddRecoStreamsJsonConsole();
                }

                builder.Logging.AddProvider(logs);
                builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration);
                builder.Services.AddRecoStreamsUserIdHashing(builder.Configuration);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseRecoStreamsUserLogScope();
                app.MapGet(route, (ILogger<LoggingTests> logger) =>
                {
                    logger.Log(level, "served a query");
                    return "ok";
                });
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret, ["UserIdHashing:Key"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", JwtTokenIssuer.Hs256(TestKeys.HmacSecret).Issue(new("user-4711")));

        (await host.Client.SendAsync(request, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        return Assert.Single(logs.Entries, e => e.Message == "served a query");
    }

    private static UserIdHasher Hasher(string? key) =>
        new(Options.Create(new UserIdHashingOptions { Key = key }), NullLogger<UserIdHasher>.Instance);
}
