using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Recommending;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class OfflineReplayTests
{
    private static readonly string[] Genres = ["Drama", "Comedy", "Action"];

    private static List<CatalogItem> Catalog() =>
        [.. Enumerable.Range(0, 30).Select(i => Item($"i{i}", genres: [Genres[i % Genres.Length]]))];

    // Eight users, each rating a run of neighbouring items over a few days, so co-visitation, affinity and popularity all have something.
    private static List<EngagementEvent> Log() =>
        [.. (from u in Enumerable.Range(0, 8)
             from step in Enumerable.Range(0, 10)
             select Event($"u{u}", $"i{(u * 3 + step) % 30}", EventType.Rating, T0.AddDays(u).AddHours(step), rating: 2 + (step % 4)))
            .OrderBy(e => e.OccurredAtMs)];

    [Fact]
    public void A_replay_with_other_recommender_settings_builds_the_same_lists_as_a_replay_made_with_them()
    {
        var settings = OfflineTuning.MovieLens();
        settings.Recommender.CfRecencyFactor = 0.3;
        settings.Recommender.CfSeedItems = 3;
        settings.Recommender.ListSize = 7;
        var replayedWithSettings = new OfflineReplay(settings, Catalog());
        replayedWithSettings.Ingest(Log());
        var shared = new OfflineReplay(OfflineTuning.MovieLens(), Catalog());
        shared.Ingest(Log());
        shared.BuildAllStats();
        var recommender = new Recommender(settings.Recommender, settings.Affinity, settings.UserClasses);

        foreach (var user in Enumerable.Range(0, 9).Select(u => $"u{u}"))
        {
            var expected = replayedWithSettings.Recommend(user).Items.Select(i => (i.ItemId, i.Score)).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, shared.Recommend(user, recommender).Items.Select(i => (i.ItemId, i.Score)));
        }
    }

    [Fact]
    public void Settings_that_differ_change_the_lists_read_from_one_replay()
    {
        var replay = new OfflineReplay(OfflineTuning.MovieLens(), Catalog());
        replay.Ingest(Log());
        replay.BuildAllStats();
        var few = OfflineTuning.MovieLens();
        few.Recommender.ListSize = 3;

        var defaults = replay.Recommend("u2").Items;
        var short3 = replay.Recommend("u2", new Recommender(few.Recommender, few.Affinity, few.UserClasses)).Items;

        Assert.Equal(3, short3.Count);
        Assert.True(defaults.Count > 3);
    }
}
