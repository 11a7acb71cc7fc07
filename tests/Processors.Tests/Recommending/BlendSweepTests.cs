using System.Globalization;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Tests.Support;

namespace RecoStreams.Processors.Tests.Recommending;

/// <summary>
/// A blend sweep builds the lists each setting's own recommender builds, on MovieLens (ml-latest-small, its first 150
/// users): every user class, ties and MMR on real data, with a trained model blended in.
/// </summary>
public sealed class BlendSweepTests
{
    private static readonly ReplayOptions Tuning = OfflineTuning.MovieLens();

    private static (List<EngagementEvent> Events, List<CatalogItem> Catalog) Data()
    {
        var folder = SharedData.RequireDataset("movielens-latest-small");
        var events = DatasetReaders.ReadMovieLensRatings(Path.Combine(folder, "ratings.csv"))
            .Where(e => int.Parse(e.UserId, CultureInfo.InvariantCulture) <= 150)
            .ToList();
        return (events, [.. DatasetReaders.ReadMovieLensMovies(Path.Combine(folder, "movies.csv"))]);
    }

    private static ItemNeighbourModel Model(IEnumerable<EngagementEvent> train) =>
        new ModelTrainerFactory().Create(ItemKnnTrainer.Type, new Dictionary<string, string>())!
            .Train([.. train.Select(e => new Interaction(e.UserId, e.ItemId, e.OccurredAtMs, 1))], CancellationToken.None);

    private static RecommenderOptions With(Action<RecommenderOptions> change)
    {
        var options = Tuning.Recommender.Copy();
        options.TrainedNeighbourWeight = 0.5;
        change(options);
        return options;
    }

    /// <summary>Every setting the blend grid varies, and settings that generate other candidates (built in full).</summary>
    private static readonly RecommenderOptions[] Settings =
    [
        With(_ => { }),
        With(o => o.TrainedNeighbourWeight = 0.025),
        With(o => o.TrainedNeighbourWeight = 4),
        With(o => (o.TrainedScaling, o.TrainedNeighbourWeight) = (TrainedScaling.WholeList, 0.25)),
        With(o => (o.TrainedScaling, o.TrainedNeighbourWeight) = (TrainedScaling.WholeList, 8)),
        With(o => o.TrainedRecencyFactor = 0.3),
        With(o => (o.TrainedScaling, o.TrainedRecencyFactor) = (TrainedScaling.WholeList, 1.0)),
        With(o => o.CfRecencyFactor = 0.3),
        With(o => (o.SeedFading, o.CfRecencyFactor) = (SeedFading.PerDistinctTime, 0.3)),
        With(o => (o.SeedFading, o.TrainedScaling, o.TrainedRecencyFactor) = (SeedFading.PerDistinctTime, TrainedScaling.WholeList, 0.3)),
        With(o => (o.MmrLambda, o.PowerMmrLambda) = (1, 1)),
        With(o => (o.HybridWeights, o.PowerWeights) = (new BlendWeights(0.9, 0.07, 0.03), new BlendWeights(0.9, 0.07, 0.03))),
        With(o => o.TrainedNeighbourWeight = 0),
        With(o => o.CfSeedItems = 5),
        With(o => o.HybridWeights = new BlendWeights(0, 0.5, 0.5)),
        With(o => o.ContentTopGenres = 1),
    ];

    [Fact]
    public void Each_setting_gets_the_list_its_own_recommender_builds_item_for_item()
    {
        var (events, catalog) = Data();
        var replay = new OfflineReplay(Tuning, catalog);
        replay.Ingest(events);
        replay.BuildAllStats();
        var inputs = new ModelBlendInputs(replay, Model(events), 50);
        var sweep = new BlendSweep(Settings, Tuning.Affinity, Tuning.UserClasses);
        var recommenders = Settings.Select(s => new Recommender(s, Tuning.Affinity, Tuning.UserClasses)).ToArray();
        var users = events.Select(e => e.UserId).Distinct().Append("never-seen").ToList();
        var lastMs = events.Max(e => e.OccurredAtMs);

        var differs = new bool[Settings.Length];
        foreach (var user in users)
        {
            var profile = replay.FindProfile(user);
            var now = profile?.LastEngagementMs ?? lastMs;
            var lists = sweep.Lists(user, profile, inputs, now);
            for (var s = 0; s < Settings.Length; s++)
            {
                var expected = recommenders[s].Recommend(user, profile, inputs, now).Items.Select(i => i.ItemId);
                Assert.True(expected.SequenceEqual(lists[s]), FormattableString.Invariant($"user {user}, setting {s}"));
                differs[s] |= !lists[s].SequenceEqual(lists[0]);
            }
        }

        // Every setting changes some list: otherwise equal lists would not show that the replay follows it.
        Assert.All(differs.Skip(1), Assert.True);
    }

    [Fact]
    public void The_blend_grid_scored_by_sweeps_chooses_the_point_and_scores_that_scoring_each_point_alone_does()
    {
        var (events, catalog) = Data();
        var validation = HoldoutSplit.Cut(events, 0.2, 1000);
        var model = Model(validation.Train);
        var evaluation = new AsServedEvaluation(Tuning, catalog, validation);
        var replay = new OfflineReplay(Tuning, catalog);
        replay.Ingest(validation.Train);
        replay.BuildAllStats();
        BlendModel[] models = [new("item-knn", model), new("item-knn-again", model)];
        var alone = 0;

        IReadOnlyList<IReadOnlyList<double>> EachAlone(ItemNeighbourModel? m, IReadOnlyList<RecommenderOptions> settings) =>
            [.. settings.Select(o =>
            {
                Interlocked.Increment(ref alone);
                return Straightforward(replay, m, o, validation);
            })];

        var swept = BlendSelection.Choose(
            models, allowNone: true, Tuning.Recommender, (m, s) => [.. evaluation.Score(m, s, 50, CancellationToken.None).Select(x => x.NdcgPerUser)], CancellationToken.None);
        var straightforward = BlendSelection.Choose(models, allowNone: true, Tuning.Recommender, EachAlone, CancellationToken.None);

        Assert.Equal(straightforward.Tried, alone);
        Assert.Equal(straightforward.Model?.Name, swept.Model?.Name);
        Assert.Equal(straightforward.ServingSettings, swept.ServingSettings);
        Assert.Equal(straightforward.ValidationNdcg, swept.ValidationNdcg);
        Assert.Equal(straightforward.Leaders, swept.Leaders);
    }

    /// <summary>The validation users' NDCG@10 of the lists a fresh recommender with these settings builds, one user after another.</summary>
    private static double[] Straightforward(OfflineReplay replay, ItemNeighbourModel? model, RecommenderOptions options, HoldoutSplit split)
    {
        var recommender = new Recommender(options, Tuning.Affinity, Tuning.UserClasses);
        var inputs = new ModelBlendInputs(replay, model, 50);
        var lastMs = split.Train[^1].OccurredAtMs;
        return [.. split.Relevant.Select(user =>
        {
            var profile = replay.FindProfile(user.Key);
            var list = recommender.Recommend(user.Key, profile, inputs, profile?.LastEngagementMs ?? lastMs);
            return RankingMetrics.NdcgAtK([.. list.Items.Take(10).Select(i => i.ItemId)], user.Value, 10);
        })];
    }
}
