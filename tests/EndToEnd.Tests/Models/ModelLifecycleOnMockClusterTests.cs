using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Schemas;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using RecoStreams.Training;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Models;

/// <summary>
/// The model lifecycle on two full instances sharing a mock cluster: a trained item-kNN model is evaluated
/// against the streaming recommender, passes the gate and serves on both instances; a deliberately bad model
/// (every item's neighbours are another group's items) is refused by the gate and does not serve; an admin
/// override serves it anyway, and a rollback brings the first version's lists back on both instances.
/// </summary>
public sealed class ModelLifecycleOnMockClusterTests
{
    private const string App = "reco-models";
    private const int Partitions = 4;
    private const int Groups = 8;
    private const int ItemsPerGroup = 8;
    private const int UsersPerGroup = 10;
    private const int Rounds = 5;
    private const string BadModelType = "cross-group";
    /// <summary>A switch must reach every served list within this (the recompute runs every second).</summary>
    private static readonly TimeSpan SwitchDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_trained_model_is_gated_promoted_overridden_and_rolled_back_on_two_instances()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var (secret, adminToken) = TwoInstanceTestKit.AdminCredentials();
        var trainerToken = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("ml-bot") { Roles = [RecoStreamsPolicies.TrainerRole] });
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        var users = Enumerable.Range(0, Groups * UsersPerGroup).Select(u => "user-" + u.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        await ProduceCatalogAndEventsAsync(cluster);

        await using var first = await RecoInstance.StartAsync(cluster, App, secret, adminToken);
        await using var second = await RecoInstance.StartAsync(cluster, App, secret, adminToken);
        first.Services.GetRequiredService<ModelTrainerFactory>().Register(BadModelType, _ => new CrossGroupTrainer());
        using var trainer = new HttpClient { BaseAddress = first.Client.BaseAddress };
        trainer.DefaultRequestHeaders.Authorization = new("Bearer", trainerToken);
        await TwoInstanceTestKit.WaitUntilAsync(async () => (await ListsAsync(first, users)).Count == users.Count, "every user's stored list");

        // 1. A good model: trained by a trainer, compared with the streaming recommender alone, promoted.
        var good = await TrainAsync(trainer, first, ItemKnnTrainer.Type);
        output.WriteLine($"{ItemKnnTrainer.Type}: {good.GetRawText()}");
        var goodId = good.GetProperty("id").GetString()!;
        Assert.Equal("approved", good.GetProperty("status").GetString());
        Assert.Null(good.GetProperty("lineage").GetProperty("champion_id").GetString());
        Assert.True(good.GetProperty("artefact_items").GetInt32() > 0);
        var goodLists = await WaitForVersionAsync([first, second], users, goodId, except: null, "the trained model to serve");
        AssertLedByOwnGroup(goodLists, expected: true);
        var cfOnly = await GetJsonAsync(second.Client, $"recs/{users[0]}?type=cf&limit=2");
        Assert.InRange(cfOnly.GetProperty("items").GetArrayLength(), 1, 2);
        Assert.All(cfOnly.GetProperty("items").EnumerateArray(), i => Assert.Equal("cf", i.GetProperty("source").GetString()));

        // 2. A bad model: refused by the gate against the serving version, which keeps serving.
        var bad = await TrainAsync(trainer, first, BadModelType);
        output.WriteLine($"{BadModelType}: {bad.GetRawText()}");
        var badId = bad.GetProperty("id").GetString()!;
        Assert.Equal("rejected", bad.GetProperty("status").GetString());
        Assert.Equal(goodId, bad.GetProperty("lineage").GetProperty("champion_id").GetString());
        Assert.StartsWith("NDCG@10 worse than the champion", bad.GetProperty("gate").GetProperty("reason").GetString(), StringComparison.Ordinal);
        // The other instance learns of the new version through its global table, a moment after the trainer's.
        JsonElement models = default;
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                models = await GetJsonAsync(second.Client, "recs/models");
                return models.GetProperty("versions").GetArrayLength() == 2;
            },
            () => $"the second instance to list both versions: {models}");
        Assert.Equal(goodId, models.GetProperty("activation").GetProperty("version_id").GetString());

        // 3. Only an admin overrides the gate; the override serves the bad version on both instances.
        using (var refused = await trainer.PostAsync(new Uri($"recs/models/{badId}/activate", UriKind.Relative), null, CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        using (var forbidden = await trainer.PostAsJsonAsync(new Uri($"recs/models/{badId}/activate", UriKind.Relative), new { @override = true, reason = "test" }, CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        await ActivateAsync(first.Client, badId, new { @override = true, reason = "end-to-end test of the override" });
        var badLists = await WaitForVersionAsync([first, second], users, badId, except: goodLists, "the overridden version to serve");
        AssertLedByOwnGroup(badLists, expected: false);

        // 4. Rollback by a trainer: the first version's lists come back on both instances within seconds.
        var clock = Stopwatch.StartNew();
        await ActivateAsync(trainer, goodId, body: null);
        var rolledBack = await WaitForVersionAsync([first, second], users, goodId, except: badLists, "the rollback", SwitchDeadline);
        output.WriteLine($"rollback served on both instances after {clock.Elapsed.TotalSeconds:F1} s");
        AssertLedByOwnGroup(rolledBack, expected: true);

        var outcomes = ReadTrainingOutcomes(cluster, first.Services.GetRequiredService<ISchemaRegistryClient>(), expected: 2);
        Assert.Equal([(goodId, TrainingOutcome.Promoted), (badId, TrainingOutcome.Rejected)], outcomes);
    }

    /// <summary>
    /// A config version (the streaming recommender with 12-item lists: the same top 10, so it passes the gate
    /// against the recommender alone) serves its own settings on both instances, in stored lists and lists
    /// computed on read; a trained version then serves the deployment's settings again. Keeping only the newest
    /// version, each job forgets the one before: its manifest and neighbour lists leave every global table.
    /// </summary>
    [Fact]
    public async Task An_active_config_version_applies_its_settings_on_both_instances_and_retention_forgets_older_versions()
    {
        const int ConfigListSize = 12;
        var output = TestContext.Current.TestOutputHelper!;
        var (secret, adminToken) = TwoInstanceTestKit.AdminCredentials();
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        var users = Enumerable.Range(0, Groups * UsersPerGroup).Select(u => "user-" + u.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        await ProduceCatalogAndEventsAsync(cluster);
        string[] retention = ["--Models:RetainedVersions=1", "--Models:RetainedChampions=0"];
        await using var first = await RecoInstance.StartAsync(cluster, App, secret, adminToken, extraArgs: retention);
        await using var second = await RecoInstance.StartAsync(cluster, App, secret, adminToken, extraArgs: retention);
        await TwoInstanceTestKit.WaitUntilAsync(async () => (await AnswersAsync(first, users, limit: 50)).Count == users.Count, "every user's stored list");
        Assert.All((await AnswersAsync(first, users, limit: 50)).Values, a => Assert.True(a.Items.Split(',').Length > ConfigListSize, a.Items));

        // 1. The config version: promoted, and every list (stored or computed on read) is built with its settings.
        var config = await TrainAsync(first.Client, first, ModelTrainerFactory.ConfigModelType, new() { ["listSize"] = "12" });
        output.WriteLine($"config: {config.GetRawText()}");
        var configId = config.GetProperty("id").GetString()!;
        Assert.Equal("approved", config.GetProperty("status").GetString());
        Assert.Equal("12", config.GetProperty("lineage").GetProperty("parameters").GetProperty("listSize").GetString());
        var configLists = await WaitForVersionAsync([first, second], users, configId, except: null, "the config version to serve", limit: 50);
        Assert.All(configLists.Values, items => Assert.Equal(ConfigListSize, items.Split(',').Length));
        foreach (var instance in new[] { first, second })
        {
            var coldStart = await GetJsonAsync(instance.Client, "recs/nobody-yet?limit=50");
            Assert.Equal(configId, coldStart.GetProperty("model_version").GetString());
            Assert.Equal(ConfigListSize, coldStart.GetProperty("items").GetArrayLength());
        }

        // 2. A trained version replaces it: the deployment's list size again; the config version is forgotten.
        var knn = await TrainAsync(first.Client, first, ItemKnnTrainer.Type);
        var knnId = knn.GetProperty("id").GetString()!;
        Assert.Equal(configId, knn.GetProperty("lineage").GetProperty("champion_id").GetString());
        var knnLists = await WaitForVersionAsync([first, second], users, knnId, except: null, "the trained version to serve", limit: 50);
        Assert.All(knnLists.Values, items => Assert.True(items.Split(',').Length > ConfigListSize, items));
        await WaitForListedAsync([first, second], [knnId]);
        var tables = second.Services.GetRequiredService<ModelTables>();
        var knnRecords = tables.RecordKeys(knnId).Count;
        Assert.True(knnRecords > 1, "the trained version's neighbour lists are in the second instance's table");

        // 3. The next version forgets the trained one: its neighbour lists and manifest leave every table.
        var next = await TrainAsync(first.Client, first, ItemKnnTrainer.Type);
        var nextId = next.GetProperty("id").GetString()!;
        await WaitForListedAsync([first, second], [nextId]);
        Assert.Null(tables.Find(knnId));
        Assert.Equal([ModelRecordKeys.Manifest(knnId)], tables.RecordKeys(knnId));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(second.Client, $"recs/models/{knnId}")).Status);
        await WaitForVersionAsync([first, second], users, nextId, except: null, "the newest version to serve", limit: 50);
        output.WriteLine($"{knnId}: {knnRecords} records tombstoned");
    }

    /// <summary>
    /// The ensemble the evaluate command blends, trained through the API like any version: its members chosen on
    /// validation, scored by the gate against the serving item-kNN version, served, rolled back from and activated
    /// again. Then the retention run racing an activation, both ways round: a version activated after the run
    /// computed what to forget is kept; an activation that reaches the topic after the version's tombstone is
    /// refused with 409 (or 404 when the tombstone was already read) and the serving version stays.
    /// </summary>
    [Fact]
    public async Task An_ensemble_trained_through_the_api_is_gated_served_and_activated_and_retention_never_forgets_what_serves()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var (secret, adminToken) = TwoInstanceTestKit.AdminCredentials();
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        var users = Enumerable.Range(0, Groups * UsersPerGroup).Select(u => "user-" + u.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        await ProduceCatalogAndEventsAsync(cluster);
        await using var instance = await RecoInstance.StartAsync(cluster, App, secret, adminToken);
        await TwoInstanceTestKit.WaitUntilAsync(async () => (await ListsAsync(instance, users)).Count == users.Count, "every user's stored list");

        // 1. The champion, then the ensemble trained and judged against it.
        var knnId = (await TrainAsync(instance.Client, instance, ItemKnnTrainer.Type)).GetProperty("id").GetString()!;
        await WaitForVersionAsync([instance], users, knnId, except: null, "the item-kNN version to serve");
        var ensemble = await TrainAsync(instance.Client, instance, ItemModelEnsemble.Type);
        output.WriteLine($"ensemble: {ensemble.GetRawText()}");
        var ensembleId = ensemble.GetProperty("id").GetString()!;
        Assert.Equal("approved", ensemble.GetProperty("status").GetString());
        Assert.Equal(knnId, ensemble.GetProperty("lineage").GetProperty("champion_id").GetString());
        Assert.Equal(JsonValueKind.Object, ensemble.GetProperty("evaluation").GetProperty("champion").ValueKind);
        Assert.True(ensemble.GetProperty("artefact_items").GetInt32() > 0);
        var lineage = ensemble.GetProperty("lineage").GetProperty("parameters");
        Assert.Equal("ease+item-knn+item-transitions", lineage.GetProperty("models").GetString());
        foreach (var setting in new[] { "ease.lambda", "item-knn.shrinkage", "item-transitions.window", EnsembleSelection.ChosenOn })
        {
            Assert.True(lineage.TryGetProperty(setting, out _), $"the lineage names {setting}: {lineage}");
        }

        AssertLedByOwnGroup(await WaitForVersionAsync([instance], users, ensembleId, except: null, "the ensemble to serve"), expected: true);

        // 2. Rolled back from, and activated again, like any version.
        await ActivateAsync(instance.Client, knnId, body: null);
        await WaitForVersionAsync([instance], users, knnId, except: null, "the rollback to item-kNN");
        await ActivateAsync(instance.Client, ensembleId, body: null);
        await WaitForVersionAsync([instance], users, ensembleId, except: null, "the ensemble activated again");

        // 3. A retention run whose job still takes the ensemble as active (keep 1 newest, no champions) would forget
        //    item-kNN; activated meanwhile, it is kept (after waiting its read-back timeout for the job's activation).
        var tables = instance.Services.GetRequiredService<ModelTables>();
        var publisher = instance.Services.GetRequiredService<ModelTopicPublisher>();
        var strict = new ModelVersionRetention(
            tables, publisher, Options.Create(new ModelTrainingOptions { RetainedVersions = 1, RetainedChampions = 0, ReadBackTimeout = TimeSpan.FromSeconds(2) }), NullLogger<ModelVersionRetention>.Instance);
        await ActivateAsync(instance.Client, knnId, body: null);
        await TwoInstanceTestKit.WaitUntilAsync(() => Task.FromResult(tables.Activation()?.VersionId == knnId), "the table to show item-kNN active");
        var knnRecords = tables.RecordKeys(knnId).Count;
        Assert.Empty(await strict.ApplyAsync(tables.Find(ensembleId)!, activeId: ensembleId, CancellationToken.None));
        Assert.NotNull(tables.Find(knnId));
        Assert.Equal(knnRecords, tables.RecordKeys(knnId).Count);
        await WaitForVersionAsync([instance], users, knnId, except: null, "item-kNN to keep serving");

        // 4. The ensemble's manifest tombstone reaches the topic just before an activation of it: refused, item-kNN stays.
        await publisher.PublishTombstonesAsync([ModelRecordKeys.Manifest(ensembleId)], CancellationToken.None);
        using (var raced = await instance.Client.PostAsync(new Uri($"recs/models/{ensembleId}/activate", UriKind.Relative), null, CancellationToken.None))
        {
            var body = await raced.Content.ReadAsStringAsync(CancellationToken.None);
            output.WriteLine($"activation racing the tombstone: {(int)raced.StatusCode} {body}");
            Assert.Contains(raced.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.NotFound });
            Assert.Equal("application/problem+json", raced.Content.Headers.ContentType?.MediaType);
        }

        await TwoInstanceTestKit.WaitUntilAsync(() => Task.FromResult(tables.Activation()?.VersionId == knnId), () => $"item-kNN to be the activation again: {tables.Activation()}");
        await WaitForVersionAsync([instance], users, knnId, except: null, "item-kNN to keep serving after the refused activation");
    }

    /// <summary>Waits until every instance lists exactly <paramref name="versions"/> (newest first).</summary>
    private static async Task WaitForListedAsync(IReadOnlyList<RecoInstance> instances, IReadOnlyList<string> versions)
    {
        var last = "";
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                var listed = new List<string>();
                foreach (var instance in instances)
                {
                    var models = await GetJsonAsync(instance.Client, "recs/models");
                    listed.Add(string.Join(",", models.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString())));
                }

                last = string.Join("; ", listed);
                return listed.All(l => l == string.Join(",", versions));
            },
            () => $"every instance to list {string.Join(",", versions)} (listed: {last})");
    }

    [Fact]
    public async Task The_nightly_run_trains_on_the_instance_hosting_partition_0_and_promotes_through_the_gate()
    {
        var (secret, adminToken) = TwoInstanceTestKit.AdminCredentials();
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        await ProduceCatalogAndEventsAsync(cluster);
        await using var instance = await RecoInstance.StartAsync(cluster, App, secret, adminToken);
        var schedule = new ScheduledTrainingService(
            Options.Create(new ModelTrainingOptions { ScheduledModelType = ItemKnnTrainer.Type, ScheduledLookback = TimeSpan.FromDays(30) }),
            instance.Services.GetRequiredService<ModelTrainingJobs>(),
            instance.Streams,
            TimeProvider.System,
            NullLogger<ScheduledTrainingService>.Instance);
        await TwoInstanceTestKit.WaitUntilAsync(() => Task.FromResult(instance.Streams.State == KafkaStreamsState.Running), "the instance to run");

        Assert.True(await schedule.RunOnceAsync(CancellationToken.None));

        JsonElement models = default;
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                var (status, body) = await GetAsync(instance.Client, "recs/models");
                models = status == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.Clone() : default;
                return status == HttpStatusCode.OK && models.GetProperty("activation").ValueKind == JsonValueKind.Object;
            },
            () => $"the scheduled version to be activated: {models}");
        var version = Assert.Single(models.GetProperty("versions").EnumerateArray());
        Assert.Equal(ItemKnnTrainer.Type, version.GetProperty("model_type").GetString());
        Assert.Equal("approved", version.GetProperty("status").GetString());
        Assert.Equal(ScheduledTrainingService.RequestedBy, models.GetProperty("activation").GetProperty("activated_by").GetString());
    }

    [Fact]
    public async Task Training_requests_the_api_cannot_honour_are_refused_with_problem_details()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var issuer = JwtTokenIssuer.Hs256(secret);
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        await using var instance = await RecoInstance.StartAsync(
            cluster, App, secret, issuer.Issue(new JwtTokenRequest("ops") { Roles = [RecoStreamsPolicies.AdminRole] }));
        using var user = new HttpClient { BaseAddress = instance.Client.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue(new JwtTokenRequest("user-001")));

        async Task<(HttpStatusCode Status, string Body)> Post(HttpClient client, string path, object body)
        {
            using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, CancellationToken.None);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(user, "recs/train", new { modelType = "ease" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(user, "recs/models")).Status);

        var unknown = await Post(instance.Client, "recs/train", new { modelType = "deep-magic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("\"modelType\"", unknown.Body, StringComparison.Ordinal);
        var dates = await Post(instance.Client, "recs/train", new { modelType = "ease", startDate = "2026-12-01", endDate = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, dates.Status);
        Assert.Contains("\"endDate\"", dates.Body, StringComparison.Ordinal);
        var reversed = await Post(instance.Client, "recs/train", new { modelType = "ease", startDate = "2026-12-02", endDate = "2026-12-01" });
        Assert.Equal(HttpStatusCode.BadRequest, reversed.Status);
        var settings = await Post(instance.Client, "recs/train", new { modelType = "ease", parameters = new Dictionary<string, string> { ["lambda"] = "-5" } });
        Assert.Equal(HttpStatusCode.BadRequest, settings.Status);
        Assert.Contains("\"parameters\"", settings.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(instance.Client, "recs/models/v-none")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(instance.Client, "recs/models/v-none/activate", new { })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(instance.Client, "recs/user-001?type=bogus")).Status);
    }

    /// <summary>
    /// Whether each user's list starts with the three unseen items of their own group (what the trained item-kNN
    /// learned), rather than what the cross-group model or popularity put first. The tail is popularity and may
    /// reorder as item statistics are republished, so only the head is compared.
    /// </summary>
    private static void AssertLedByOwnGroup(Dictionary<string, string> lists, bool expected)
    {
        foreach (var (user, items) in lists)
        {
            var group = int.Parse(user["user-".Length..], CultureInfo.InvariantCulture) % Groups;
            var head = items.Split(',').Take(3).ToList();
            Assert.True(
                head.All(i => i.StartsWith($"g{group}-", StringComparison.Ordinal)) == expected,
                $"{user}'s list {items} {(expected ? "does not start" : "starts")} with three items of group {group}");
        }
    }

    /// <summary>Starts a training on <paramref name="on"/> and returns the version once it left "training".</summary>
    private static async Task<JsonElement> TrainAsync(HttpClient client, RecoInstance on, string modelType, Dictionary<string, string>? parameters = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri("recs/train", UriKind.Relative), new { modelType, parameters }, CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("model_version").GetString()!;
        JsonElement version = default;
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                var (status, text) = await GetAsync(on.Client, $"recs/models/{id}");
                if (status != HttpStatusCode.OK)
                {
                    return false;
                }

                version = JsonDocument.Parse(text).RootElement.Clone();
                return version.GetProperty("status").GetString() != "training";
            },
            () => $"training {id} to end: {version}");
        Assert.NotEqual("failed", version.GetProperty("status").GetString());
        return version;
    }

    private static async Task ActivateAsync(HttpClient client, string id, object? body)
    {
        var uri = new Uri($"recs/models/{id}/activate", UriKind.Relative);
        using var response = body is null ? await client.PostAsync(uri, null, CancellationToken.None) : await client.PostAsJsonAsync(uri, body, CancellationToken.None);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    /// <summary>
    /// Polls every user on every instance until each list names <paramref name="version"/> (and, when given,
    /// differs from <paramref name="except"/> for most users), and both instances agree; returns the item lists.
    /// </summary>
    private static async Task<Dictionary<string, string>> WaitForVersionAsync(
        IReadOnlyList<RecoInstance> instances, IReadOnlyList<string> users, string version, Dictionary<string, string>? except, string what, TimeSpan? deadline = null, int limit = 10)
    {
        Dictionary<string, string> lists = [];
        string last = "";
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                var answers = new List<Dictionary<string, (string? Version, string Items)>>();
                foreach (var instance in instances)
                {
                    answers.Add(await AnswersAsync(instance, users, limit));
                }

                last = string.Join("; ", answers.Select(a => string.Join(",", a.Values.Select(v => v.Version ?? "none").Distinct())));
                if (answers.Any(a => a.Count != users.Count || a.Values.Any(v => v.Version != version)))
                {
                    return false;
                }

                lists = answers[0].ToDictionary(a => a.Key, a => a.Value.Items, StringComparer.Ordinal);
                return answers.All(a => a.All(kv => kv.Value.Items == lists[kv.Key]))
                    && (except is null || lists.Count(kv => kv.Value != except[kv.Key]) > users.Count / 2);
            },
            () => $"{what} (versions served: {last})",
            deadline);
        return lists;
    }

    private static async Task<Dictionary<string, (string? Version, string Items)>> ListsAsync(RecoInstance instance, IReadOnlyList<string> users) =>
        await AnswersAsync(instance, users);

    /// <summary>Each stored (not cold-start, non-empty) list's model version and item ids, of the users answered with 200.</summary>
    private static async Task<Dictionary<string, (string? Version, string Items)>> AnswersAsync(RecoInstance instance, IReadOnlyList<string> users, int limit = 10)
    {
        var answers = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var (status, body) = await GetAsync(instance.Client, FormattableString.Invariant($"recs/{user}?limit={limit}"));
            if (status != HttpStatusCode.OK)
            {
                continue;
            }

            var root = JsonDocument.Parse(body).RootElement;
            var items = string.Join(",", root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item_id").GetString()));
            if (!root.GetProperty("cold_start").GetBoolean() && items.Length > 0)
            {
                answers[user] = (root.TryGetProperty("model_version", out var v) ? v.GetString() : null, items);
            }
        }

        return answers;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var (status, body) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<(string, TrainingOutcome)> ReadTrainingOutcomes(EmbeddedKafka cluster, ISchemaRegistryClient registry, int expected)
    {
        var deserializer = new ConfluentAvroDeserializer<ModelTrainingCompleted>(ModelTrainingCompletedContract.Instance, registry);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "model-test-reader" }).Build();
        consumer.Assign(new TopicPartitionOffset(RecoTopics.ModelTrainingCompleted, 0, Offset.Beginning));
        var outcomes = new List<(string, TrainingOutcome)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (outcomes.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                var completed = deserializer.Deserialize(message.Value);
                outcomes.Add((completed.ModelVersion, completed.Outcome));
            }
        }

        return outcomes;
    }

    /// <summary>
    /// 8 groups of 8 items, all of one genre, each of its own creator (so only item-to-item signals tell groups apart). Each
    /// user views 5 items of their group, one per round, rounds two days apart: more than the co-visitation
    /// session gap, so the streaming recommender learns no pairs, while a model trained on the history does.
    /// The last round is the most recent fifth of the events: the held-out slice.
    /// </summary>
    private static Task ProduceCatalogAndEventsAsync(EmbeddedKafka cluster)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-2 * Rounds);
        var catalog = Enumerable.Range(0, Groups).SelectMany(g => Enumerable.Range(0, ItemsPerGroup).Select(i =>
            new Domain.CatalogItem(ItemId(g, i), "Title " + ItemId(g, i), ["Drama"], ["studio-" + ItemId(g, i)], "en", [], 5400, true, start)));
        var events = Enumerable.Range(0, Rounds).SelectMany(round => Enumerable.Range(0, Groups * UsersPerGroup).Select(u =>
        {
            var (group, member) = (u % Groups, u / Groups);
            var user = "user-" + u.ToString("D3", CultureInfo.InvariantCulture);

            // Positions member, member+3, member+6, member+1, member+4 (mod 8): five distinct items per user.
            var item = ItemId(group, (member + (3 * round)) % ItemsPerGroup);
            return new Domain.EngagementEvent(Guid.NewGuid().ToString("D"), user, item, Domain.EventType.View, start.AddDays(2 * round).AddMinutes(u));
        }));
        return TwoInstanceTestKit.ProduceAsync(cluster, catalog, events);
    }

    private static string ItemId(int group, int index) => $"g{group}-i{index}";

    /// <summary>A deliberately bad model: every item's neighbours are the next group's items, all scored alike.</summary>
    private sealed class CrossGroupTrainer : IItemModelTrainer
    {
        public string ModelType => BadModelType;

        public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

        public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
        {
            var items = interactions.Select(e => e.ItemId).Distinct().ToList();
            var neighbours = items.Select(item =>
            {
                var group = int.Parse(item[1..item.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                IReadOnlyList<ScoredItem> next = [.. Enumerable.Range(0, ItemsPerGroup).Select(i => new ScoredItem(ItemId((group + 1) % Groups, i), 1))];
                return KeyValuePair.Create(item, next);
            });
            return new ItemNeighbourModel(BadModelType, Parameters, neighbours);
        }
    }
}
