using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Tests.Support;

namespace RecoStreams.Processors.Tests.Lifecycle;

/// <summary>What POST /recs/train does, on MovieLens (ml-latest-small): the last fifth of the ratings by time held out.</summary>
public sealed class MovieLensModelGateTests
{
    [Fact]
    public void Blending_trained_EASE_into_the_streaming_recommender_is_not_worse_on_the_held_out_slice()
    {
        var folder = SharedData.RequireDataset("movielens-latest-small");
        var ratings = DatasetReaders.ReadMovieLensRatings(Path.Combine(folder, "ratings.csv"));
        var movies = DatasetReaders.ReadMovieLensMovies(Path.Combine(folder, "movies.csv"));
        var training = new ModelTraining(
            new ModelTrainerFactory(), OfflineTuning.MovieLens(), new PromotionGate(new PromotionGateOptions()), new TrainingSettings(0.2, 50, 5_000));

        var result = training.Run(
            new TrainingRequest("v-ease", EaseTrainer.Type, new Dictionary<string, string>(), null, null, "test"),
            ratings,
            movies,
            champion: null,
            nowMs: 0,
            TestContext.Current.CancellationToken);

        var e = result.Version.Evaluation!;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"held-out users {e.Candidate.Users}; streaming alone {e.Champion}; with EASE {e.Candidate}; NDCG@10 difference {e.NdcgDifference}; gate: {result.Version.Gate}; "
            + $"serving settings chosen: {string.Join(", ", ConfigModelSettings.Named(result.Version.Lineage!.Parameters).Select(p => $"{p.Key}={p.Value}"))}; {result.Version.Lineage.Parameters[ServingSelection.ChosenOn]}");
        Assert.Equal(ModelStatus.Approved, result.Version.Status);
    }
}
