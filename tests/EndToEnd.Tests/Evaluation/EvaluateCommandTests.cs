using System.Globalization;
using System.Text;
using RecoStreams.Evaluation;
using RecoStreams.QueryApi.Cli;
using Xunit;

namespace RecoStreams.EndToEnd.Tests.Evaluation;

/// <summary>The evaluate verb on a tiny generated MovieLens-format dataset (never the shared data).</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reco-evaluate-" + Guid.NewGuid().ToString("N"));

    public EvaluateCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_malformed_ratings_file_is_one_line_naming_the_file_not_a_stack_trace()
    {
        var (_, movies) = WriteDataset();
        var ratings = Path.Combine(_folder, "bad-ratings.csv");
        await File.WriteAllLinesAsync(ratings, ["userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,2,four,964982704"], TestContext.Current.CancellationToken);
        var output = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(
            new EvaluationRequest(ratings, movies, SplitProtocol.LeaveLastOut, [5], null), output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains($"evaluate failed: {ratings}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1,2,four,964982704", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_json_with_every_system_and_cutoff_and_metrics_in_range()
    {
        var (ratings, movies) = WriteDataset();
        var json = Path.Combine(_folder, "evaluation.json");
        var output = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(
            new EvaluationRequest(ratings, movies, SplitProtocol.LeaveLastOut, [5, 10], json), output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var report = EvaluationReport.FromJson(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal("leave-last-out", report.Protocol);
        Assert.Equal(12, report.CatalogItems);
        Assert.True(report.ListSize >= 10);
        Assert.Equal(20, report.TestUsers);
        string[] baselines = [EvaluationRunner.MostPopular, "ItemKNN", "EASE", "ItemTransitions"];
        string[] ours = [EvaluationRunner.Offline, EvaluationRunner.OfflineWithModel, EvaluationRunner.TopologyRefreshed, EvaluationRunner.TopologyAsServed, EvaluationRunner.TopologyWithModel];
        Assert.Equal(
            baselines.Concat(ours).Order(StringComparer.Ordinal),
            report.Results.Select(r => r.System).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([5, 10], report.Results.Select(r => r.K).Distinct().Order());
        Assert.Equal(2 * 9, report.Results.Count);

        // Every one of ours against every baseline at every cut-off, the interval around the difference.
        Assert.Equal(2 * ours.Length * baselines.Length, report.Comparisons.Count);
        Assert.All(report.Comparisons, c => Assert.InRange(c.Difference, c.Lower95, c.Upper95));

        // Settings were chosen on a validation split of the training part, for ours, the blend and the three strong baselines.
        Assert.Equal(
            new[] { EvaluationRunner.OfflineWithModel, "EASE", "ItemKNN", "ItemTransitions", EvaluationRunner.TopologyRefreshed }.Order(StringComparer.Ordinal),
            report.Tuning.Select(t => t.System).Order(StringComparer.Ordinal));
        Assert.True(report.ValidationTrainEvents < report.TrainEvents);
        Assert.All(report.Results, r =>
        {
            Assert.Equal(report.TestUsers, r.Users);
            Assert.InRange(r.Recall, 0, 1);
            Assert.InRange(r.Ndcg, 0, 1);
            Assert.True(r.NdcgSe >= 0);
            Assert.InRange(r.Map, 0, 1);
            Assert.InRange(r.Coverage, 0, 1);

            // Novelty is self-information in bits: between 0 and log2(training users).
            Assert.InRange(r.Novelty, 0, Math.Log2(20));
        });

        // The dataset has a clear signal (each user's genre), so the topology must find some held-out items.
        Assert.Contains(report.Results, r => r.System == EvaluationRunner.TopologyRefreshed && r.Recall > 0);
        Assert.Contains("MostPopular", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_missing_input_file_with_exit_code_2()
    {
        var output = new StringWriter();
        var missing = Path.Combine(_folder, "absent.csv");

        var exit = await EvaluateCommand.RunAsync(
            new EvaluationRequest(missing, missing, SplitProtocol.Temporal, [10], null), output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains(missing, output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// 12 movies in two genres; 20 users, each rating five movies of one genre over time (4-5 stars), so a
    /// genre-aware recommender can predict the held-out one.
    /// </summary>
    private (string Ratings, string Movies) WriteDataset()
    {
        var movies = new StringBuilder("movieId,title,genres\n");
        for (var m = 1; m <= 12; m++)
        {
            movies.Append(CultureInfo.InvariantCulture, $"{m},Movie {m} (2000),{(m <= 6 ? "Drama" : "Comedy")}\n");
        }

        var ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var u = 1; u <= 20; u++)
        {
            var first = u % 2 == 0 ? 1 : 7;
            for (var i = 0; i < 5; i++)
            {
                var movie = first + ((u + i) % 6);
                ratings.Append(CultureInfo.InvariantCulture, $"{u},{movie},{(i % 2 == 0 ? "4.5" : "4.0")},{start + (u * 600) + (i * 60)}\n");
            }
        }

        var ratingsPath = Path.Combine(_folder, "ratings.csv");
        var moviesPath = Path.Combine(_folder, "movies.csv");
        File.WriteAllText(ratingsPath, ratings.ToString());
        File.WriteAllText(moviesPath, movies.ToString());
        return (ratingsPath, moviesPath);
    }
}
