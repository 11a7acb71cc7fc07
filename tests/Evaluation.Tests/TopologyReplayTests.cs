using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation.Tests;

/// <summary>The topology replay with a model version activated after it, as a training job publishes one.</summary>
public sealed class TopologyReplayTests
{
    private static readonly DateTimeOffset T0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_user_idle_for_years_of_event_time_keeps_the_profile_and_list_the_replay_built()
    {
        string[] dramas = ["a", "b", "c", "d", "e", "f", "g", "h"];
        List<CatalogItem> catalog = [.. dramas.Select(i => new CatalogItem(i, "Title " + i, ["Drama"], ["studio-" + i], "en", [], 5400, true, T0))];
        List<EngagementEvent> train =
        [
            .. Enumerable.Range(0, 6).Select(step => new EngagementEvent($"early-{step}", "early", dramas[step], EventType.Rating, T0.AddMinutes(step), 4.5)),
            .. Enumerable.Range(0, 6).Select(step => new EngagementEvent($"late-{step}", "late", dramas[step + 2], EventType.Rating, T0.AddDays(800).AddMinutes(step), 4.5)),
        ];

        var lists = await TopologyReplay.RunAsync(
            catalog, train, ["early", "late"], OfflineTuning.MovieLens(), EvaluationRequest.DefaultReplayStep, Task.FromResult<ReplayModel?>(null), TextWriter.Null, TestContext.Current.CancellationToken);

        // With the deployment's inactive-user retention (180 days) "early"'s profile is gone by the end: a cold-start list of what they saw.
        Assert.DoesNotContain("a", lists.Refreshed["early"]);
        Assert.Contains(lists.Refreshed["early"], item => item is "g" or "h");
    }

    [Fact]
    public async Task A_version_activated_after_the_replay_reaches_every_stored_list_with_its_serving_settings()
    {
        var (catalog, train, users, version) = DramasAndAWestern();

        var lists = await TopologyReplay.RunAsync(
            catalog, train, users, OfflineTuning.MovieLens(), EvaluationRequest.DefaultReplayStep, Task.FromResult<ReplayModel?>(version), TextWriter.Null, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper!.WriteLine(string.Join("; ", users.Select(u => $"{u}: {string.Join(",", lists.Refreshed[u])} / {string.Join(",", lists.WithModel![u])}")));
        Assert.All(users, u => Assert.DoesNotContain("w", lists.Refreshed[u]));
        Assert.All(users, u => Assert.Contains("w", lists.WithModel![u]));
        Assert.All(users, u => Assert.Equal(3, lists.WithModel![u].Count));
    }

    [Fact]
    public async Task A_version_chosen_while_the_replay_runs_is_awaited_and_activated_after_it()
    {
        var (catalog, train, users, version) = DramasAndAWestern();
        var chosen = new TaskCompletionSource<ReplayModel?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var replay = TopologyReplay.RunAsync(
            catalog, train, users, OfflineTuning.MovieLens(), EvaluationRequest.DefaultReplayStep, chosen.Task, TextWriter.Null, TestContext.Current.CancellationToken);
        chosen.SetResult(version);
        var lists = await replay;

        Assert.All(users, u => Assert.DoesNotContain("w", lists.Refreshed[u]));
        Assert.All(users, u => Assert.Contains("w", lists.WithModel![u]));
    }

    [Fact]
    public async Task A_replay_whose_version_is_never_chosen_stops_when_cancelled()
    {
        var (catalog, train, users, _) = DramasAndAWestern();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var never = new TaskCompletionSource<ReplayModel?>();

        var replay = TopologyReplay.RunAsync(
            catalog, train, users, OfflineTuning.MovieLens(), EvaluationRequest.DefaultReplayStep, never.Task, TextWriter.Null, stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replay);
    }

    /// <summary>
    /// Ten dramas each user watches six of (enough not to be a new user); "w" is a western nobody watched, which only
    /// the version's model proposes, with a list size of 3 as its serving setting.
    /// </summary>
    private static (List<CatalogItem> Catalog, List<EngagementEvent> Train, List<string> Users, ReplayModel Version) DramasAndAWestern()
    {
        string[] dramas = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        List<CatalogItem> catalog =
        [
            .. dramas.Select(i => new CatalogItem(i, "Title " + i, ["Drama"], ["studio-" + i], "en", [], 5400, true, T0)),
            new CatalogItem("w", "Title w", ["Western"], ["studio-w"], "en", [], 5400, true, T0),
        ];
        var users = Enumerable.Range(0, 6).Select(u => "u" + u.ToString(CultureInfo.InvariantCulture)).ToList();
        List<EngagementEvent> train =
        [
            .. users.SelectMany((user, u) => Enumerable.Range(0, 6).Select(step =>
                new EngagementEvent($"{user}-{step}", user, dramas[(u + step) % dramas.Length], EventType.Rating, T0.AddMinutes((10 * u) + step), 4.5))),
        ];
        var model = new ItemNeighbourModel(
            ItemKnnTrainer.Type,
            new Dictionary<string, string>(),
            dramas.Select(i => KeyValuePair.Create(i, (IReadOnlyList<ScoredItem>)[new ScoredItem("w", 1)])));
        var settings = new Dictionary<string, string> { ["trainedNeighbourWeight"] = "4", ["listSize"] = "3" };
        var version = new ModelVersion(
            "v-test", ItemKnnTrainer.Type, ModelStatus.Approved, 0, new ModelLineage(0, 1, 1, train.Count, "test", settings, null), null, null, null);
        return (catalog, train, users, new ReplayModel(version, ModelBlendInputs.Artefact("v-test", model, 50)));
    }
}
