using System.Globalization;
using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.Processors.Privacy;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Schemas;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Serialization;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Privacy;

/// <summary>
/// Two full instances on one mock cluster with the Postgres mirror on. After real processing, a user is erased
/// through the instance that does NOT own the user's partition, and another user withdraws consent and keeps
/// sending events. Then every key-value store of both instances, the latest value of every changelog key (and
/// the consents topic), the Postgres mirror and the captured logs are searched for each raw user id: only
/// changelog keys whose latest value is a tombstone may name them.
/// </summary>
public sealed class PrivacyOnTwoInstancesTests
{
    private const string App = "reco-privacy";
    private const int Partitions = 4;
    private const string HashKey = "privacy-end-to-end-hash-key";

    [Fact]
    public async Task An_erase_at_the_non_owner_and_an_opt_out_leave_only_tombstone_keys_in_stores_changelogs_postgres_and_logs()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var cancel = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, 8).Select(i => $"privacy-{i}-{run}").ToList();
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var issuer = JwtTokenIssuer.Hs256(secret);
        var token = issuer.Issue(new JwtTokenRequest("ops") { Roles = [RecoStreamsPolicies.AdminRole] });

        await using var postgres = await MirrorDatabase.StartAsync($"recostreams_privacy_{Environment.ProcessId}", cancel);
        output.WriteLine(postgres.SkipReason is null ? "Postgres mirror on" : "Postgres mirror off: " + postgres.SkipReason);
        using var logs = new CapturedConsole();
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        using var producer = await TwoInstanceTestKit.InputProducer.OpenAsync(cluster.BootstrapServers);
        producer.Send(users.SelectMany((u, i) => Enumerable.Range(0, 3).Select(k => View(u, Catalog[(i + k) % Catalog.Count].ItemId, DateTimeOffset.UtcNow.AddMinutes(-30 + k)))), Catalog);
        // One event per user parked for an item that never arrives, so the pending store holds the user too.
        producer.Send(users.Select(u => View(u, "not-in-catalog-" + run, DateTimeOffset.UtcNow.AddMinutes(-1))), []);

        string[] args = ["--Privacy:UserIdHashKey=" + HashKey, "--Logging:LogLevel:Default=Information"];
        await using var first = await RecoInstance.StartAsync(cluster, App, secret, token, postgres.ConnectionString, args);
        await using var second = await RecoInstance.StartAsync(cluster, App, secret, token, postgres.ConnectionString, args);
        RecoInstance[] instances = [first, second];
        var ready = System.Diagnostics.Stopwatch.StartNew();
        await TwoInstanceTestKit.WaitUntilAsync(
            async () => instances.All(i => i.Streams.State == KafkaStreamsState.Running && i.Streams.LocalTasks.Count > 0 && i.Streams.Instances.Count == 2)
                && (await Task.WhenAll(users.Select(u => first.GetAsync($"recommendations/{u}")))).All(a => a.Status == HttpStatusCode.OK && a.Body.Contains("\"cold_start\":false", StringComparison.Ordinal))
                && (postgres.ConnectionString is null || await postgres.ListCountAsync(cancel) >= users.Count),
            async () => "two running instances, every user's stored list, and the lists in Postgres (now: "
                + string.Join("; ", instances.Select(i => $"{i.Endpoint} {i.Streams.State} tasks [{string.Join(",", i.Streams.LocalTasks)}]"))
                + "; answers " + string.Join(" | ", (await Task.WhenAll(users.Select(u => first.GetAsync($"recommendations/{u}")))).Select(a => $"{(int)a.Status} {a.Body[..Math.Min(80, a.Body.Length)]}"))
                + $"; postgres lists {(postgres.ConnectionString is null ? "-" : (await postgres.ListCountAsync(cancel)).ToString(CultureInfo.InvariantCulture))}"
                + "; mirror log: " + MirrorLog(logs.Text) + "; other errors: " + ErrorLog(logs.Text) + ")");
        output.WriteLine($"both instances started to every list served and in Postgres: {ready.Elapsed.TotalSeconds:F1} s; mirror log: {MirrorLog(logs.Text)}");

        // The erase goes to whichever instance does not own the user's profile: a slow start can leave every profiles
        // task with one of them (seen once in 13 runs), so the non-owner is not always the first.
        var erased = users[0];
        var (owner, nonOwner) = first.Streams.QueryMetadataForPartition(RecoStoreNames.Profiles, KeyPartitions.Of(erased, Partitions)).IsLocal
            ? (first, second)
            : (second, first);
        var optedOut = users.First(u => u != erased);
        var changelogs = first.Services.GetRequiredService<RecoStreamsTopology>().Topology.Describe(App).Subtopologies
            .SelectMany(s => s.ChangelogTopics.Select(t => t.Name)).ToList();
        var consents = new RecoTopics(App).Consents;
        // The search must be able to fail: before the erase it finds the user everywhere.
        Assert.NotEmpty(PersonalDataSearch.InStores(instances, erased, includeConsents: true));
        Assert.NotEmpty(PersonalDataSearch.InLatestValues(cluster.BootstrapServers, changelogs, erased));
        Assert.True(postgres.ConnectionString is null || (await postgres.RowsMentioningAsync(erased, cancel)).Count > 0);
        Assert.Contains("\"LogLevel\"", logs.Text, StringComparison.Ordinal);

        // The erase, at the instance that does not own the user; once it is applied, an event of the user from before the erase.
        var eraseTime = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"users/{erased}", UriKind.Relative)))
        {
            request.Headers.Authorization = new("Bearer", issuer.Issue(new JwtTokenRequest("dpo") { Roles = [RecoStreamsPolicies.PrivacyRole] }));
            using var erase = await nonOwner.Client.SendAsync(request, cancel);
            Assert.Equal(HttpStatusCode.Accepted, erase.StatusCode);
        }

        var audit = new AuditReader(cluster.BootstrapServers, producer.Registry);
        var hash = new UserIdHash(HashKey).Of(erased);
        var phases = new List<string>();
        async Task Phase(string name, Func<Task<bool>> done, Func<string> what)
        {
            await TwoInstanceTestKit.WaitUntilAsync(done, what);
            phases.Add($"{name} {clock.Elapsed.TotalSeconds:F1} s");
        }

        await Phase("stores", () => Task.FromResult(PersonalDataSearch.InStores(instances, erased, includeConsents: true).Count == 0),
            () => $"the erased user gone from the stores: [{string.Join(", ", PersonalDataSearch.InStores(instances, erased, true))}]");

        // Sent only now: a task takes the record with the lowest timestamp first, so an older event fetched together
        // with the erase request would be applied before it (and then erased with the rest), not dropped.
        producer.Send([View(erased, Catalog[0].ItemId, eraseTime.AddMinutes(-2))], []);
        await Phase("audit", () => Task.FromResult(audit.Erasures().Any(e => e.UserIdHash == hash && e.Reason == Processors.Privacy.ErasureReason.Request)),
            () => "the UserErased audit event");
        await Phase("changelogs", () => Task.FromResult(PersonalDataSearch.InLatestValues(cluster.BootstrapServers, [.. changelogs, consents], erased).Count == 0),
            () => $"only tombstones in the changelogs: [{string.Join(", ", PersonalDataSearch.InLatestValues(cluster.BootstrapServers, [.. changelogs, consents], erased))}]");
        await Phase("postgres", async () => postgres.ConnectionString is null || (await postgres.RowsMentioningAsync(erased, cancel)).Count == 0,
            () => "the erased user's rows gone from Postgres");
        await Phase("replayed event dropped", () => Task.FromResult(instances.Sum(i => i.Services.GetRequiredService<RecoStreamsTopology>().Counters.ErasedUserRecordsDropped) >= 1),
            () => "the pre-erase event dropped");
        Assert.Empty(PersonalDataSearch.InStores(instances, erased, includeConsents: true));
        output.WriteLine("erase accepted to (cumulative): " + string.Join(", ", phases));
        var scan = System.Diagnostics.Stopwatch.StartNew();
        var tombstones = PersonalDataSearch.TombstoneKeys(cluster.BootstrapServers, [.. changelogs, consents], erased);
        output.WriteLine($"one scan of {changelogs.Count + 1} topics' latest values: {scan.Elapsed.TotalSeconds:F1} s (bounds how soon the changelog phase can be seen)");
        output.WriteLine($"erased {erased} (partition {KeyPartitions.Of(erased, Partitions)}, owned by {owner.Endpoint}, erase sent to {nonOwner.Endpoint}): {tombstones} changelog keys remain as tombstones");
        Assert.True(tombstones > 0, "the erase wrote no changelog tombstones");
        var auditRecords = audit.RawValues();
        Assert.DoesNotContain(auditRecords, r => r.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(erased)) >= 0);

        // Consent withdrawn at the owner or not (whichever instance), then new events of that user.
        using (var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"users/{optedOut}/consent", UriKind.Relative)))
        {
            // The user themself.
            request.Headers.Authorization = new("Bearer", issuer.Issue(new JwtTokenRequest(optedOut)));
            request.Content = new StringContent("""{"personalisation":false}""", System.Text.Encoding.UTF8, "application/json");
            using var withdraw = await second.Client.SendAsync(request, cancel);
            Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        }

        clock.Restart();
        await TwoInstanceTestKit.WaitUntilAsync(
            () => Task.FromResult(instances.All(i => !i.Services.GetRequiredService<IConsentReader>().AllowsPersonalisation(optedOut))),
            "the withdrawn consent on every instance");
        output.WriteLine($"consent accepted to withdrawn on both instances: {clock.Elapsed.TotalSeconds:F1} s");
        var droppedBefore = instances.Sum(i => i.Services.GetRequiredService<RecoStreamsTopology>().Counters.ConsentMissingDropped);
        producer.Send(Enumerable.Range(0, 3).Select(k => View(optedOut, Catalog[k].ItemId, DateTimeOffset.UtcNow.AddSeconds(-k))), []);
        await TwoInstanceTestKit.WaitUntilAsync(
            async () => instances.Sum(i => i.Services.GetRequiredService<RecoStreamsTopology>().Counters.ConsentMissingDropped) >= droppedBefore + 3
                && PersonalDataSearch.InStores(instances, optedOut, includeConsents: false).Count == 0
                && PersonalDataSearch.InLatestValues(cluster.BootstrapServers, changelogs, optedOut).Count == 0
                && (postgres.ConnectionString is null || (await postgres.RowsMentioningAsync(optedOut, cancel)).Count == 0),
            () => $"the opted-out user's data gone and new events dropped: stores [{string.Join(", ", PersonalDataSearch.InStores(instances, optedOut, false))}]");
        var served = await first.GetAsync($"recommendations/{optedOut}");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Contains("\"cold_start\":true", served.Body, StringComparison.Ordinal);

        await first.StopAsync();
        await second.StopAsync();
        Assert.DoesNotContain(erased, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(optedOut, logs.Text, StringComparison.Ordinal);
        output.WriteLine($"searched {logs.Text.Length:N0} characters of captured logs");
        if (postgres.SkipReason is { } reason)
        {
            Assert.Skip("Kafka, RocksDB and log checks passed; the Postgres mirror was not checked: " + reason);
        }
    }

    /// <summary>
    /// The Postgres mirror's log lines in the captured logs (its consumers' assignments and revocations, skipped
    /// commits, failed writes), as "time level message": what a lagging mirror was doing.
    /// </summary>
    private static string MirrorLog(string logs) => LogLines(logs, (category, _) => IsMirror(category));

    /// <summary>Errors logged by anything but the mirror, with their exceptions: why an instance stopped running.</summary>
    private static string ErrorLog(string logs) => LogLines(logs, (category, root) =>
        !IsMirror(category) && root.GetProperty("LogLevel").GetString() is "Error" or "Critical");

    private static bool IsMirror(string category) =>
        category.Contains("Mirror", StringComparison.Ordinal) || category.Contains("PostgresSink", StringComparison.Ordinal);

    private static string LogLines(string logs, Func<string, System.Text.Json.JsonElement, bool> select) => string.Join(" | ", logs.Split('\n')
        .Where(line => line.StartsWith('{'))
        .Select(line =>
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line);
            var root = entry.RootElement;
            var exception = root.TryGetProperty("Exception", out var e) ? " " + e.GetString() : "";
            return select(root.GetProperty("Category").GetString() ?? "", root)
                ? $"{root.GetProperty("Timestamp").GetString()} {root.GetProperty("LogLevel").GetString()} {root.GetProperty("Message").GetString()}{exception}"
                : null;
        })
        .OfType<string>());

    /// <summary>Reads the user-erased audit topic from the beginning.</summary>
    private sealed class AuditReader(string bootstrapServers, EmbeddedSchemaRegistry registry)
    {
        private readonly ConfluentAvroDeserializer<UserErased> _deserializer = new(UserErasedContract.Instance, registry);

        public List<UserErasure> Erasures() => [.. RawValues().Select(v => Topology.Mapping.PrivacyMappers.ToDomain(_deserializer.Deserialize(v)))];

        public List<byte[]> RawValues() =>
            [.. TopicToEnd.ReadAll(bootstrapServers, RecoTopics.UserErased).Select(r => r.Message.Value ?? [])];
    }
}
