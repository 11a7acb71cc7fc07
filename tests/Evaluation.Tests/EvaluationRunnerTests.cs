using System.Globalization;
using System.Text;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation.Tests;

/// <summary>The runner without the topology replay (the command's own test covers it with the replay) on a small generated log.</summary>
public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reco-evaluation-" + Guid.NewGuid().ToString("N"));

    public EvaluationRunnerTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData(SplitProtocol.GlobalTime)]
    [InlineData(SplitProtocol.Temporal)]
    [InlineData(SplitProtocol.LeaveLastOut)]
    public async Task Reports_every_system_with_errors_paired_intervals_and_the_settings_chosen_on_validation(SplitProtocol protocol)
    {
        var (ratings, movies) = WriteDataset();

        var report = await EvaluationRunner.RunAsync(
            new EvaluationRequest(ratings, movies, protocol, [5, 10], null) { ReplayTopology = false, TestFraction = 0.3 },
            TextWriter.Null,
            TestContext.Current.CancellationToken);

        Assert.Equal(EvaluationRequest.Name(protocol), report.Protocol);
        Assert.Equal(protocol == SplitProtocol.GlobalTime, report.CutTime is not null);
        Assert.Equal(
            ["EASE", "ItemKNN", "ItemTransitions", EvaluationRunner.MostPopular, EvaluationRunner.Offline, EvaluationRunner.OfflineWithModel],
            report.Results.Select(r => r.System).Distinct().Order(StringComparer.Ordinal));
        Assert.All(report.Results, r => Assert.InRange(r.NdcgSe, 0, 1));
        Assert.Equal(2 * 2 * 4, report.Comparisons.Count);
        Assert.All(report.Comparisons, c =>
        {
            Assert.Contains(c.System, new[] { EvaluationRunner.Offline, EvaluationRunner.OfflineWithModel });
            Assert.Equal(c.SystemNdcg - c.BaselineNdcg, c.Difference, 12);
            Assert.True(c.Lower95 <= c.Difference && c.Difference <= c.Upper95);
        });
        Assert.Equal(5, report.Tuning.Count);
        var blend = Assert.Single(report.Tuning, t => t.System == EvaluationRunner.OfflineWithModel);
        Assert.Matches(@"^(none|EASE|ItemKNN|ItemTransitions|ensemble(\(ease [0-9.]+, item-knn [0-9.]+, item-transitions [0-9.]+\))?)$", blend.Parameters["model"]);
        Assert.Contains(blend.Parameters["trainedScaling"], new[] { "PerSeed", "WholeList" });
        Assert.Contains(blend.Parameters["seedFading"], new[] { "PerSeed", "PerDistinctTime" });
        Assert.Equal(blend.Parameters["model"] == "none", blend.Parameters["trainedNeighbourWeight"] == "0");
        Assert.True(report.ValidationTrainEvents < report.TrainEvents);

        var roundTrip = EvaluationReport.FromJson(report.ToJson());
        Assert.Equal(report.Comparisons, roundTrip.Comparisons);
        Assert.Contains("95% interval", report.ToTable(), StringComparison.Ordinal);
        AssertPerUserRowsAreTheMeansReported(report);
    }

    /// <summary>The per-user rows are the values each reported mean averages: one per scored user, per system and cut-off, also as CSV.</summary>
    private static void AssertPerUserRowsAreTheMeansReported(EvaluationReport report)
    {
        Assert.All(report.Results, r =>
        {
            var rows = report.PerUser.Where(u => u.System == r.System && u.K == r.K).ToList();
            Assert.Equal(r.Users, rows.Select(u => u.User).Distinct().Count());
            Assert.Equal(r.Users, rows.Count);
            Assert.Equal(r.Ndcg, rows.Average(u => u.Ndcg), 12);
        });
        var csv = report.ToPerUserCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("system,k,user,ndcg", csv[0]);
        Assert.Equal(report.PerUser.Count, csv.Length - 1);
        var first = report.PerUser[0];
        Assert.Equal(FormattableString.Invariant($"{first.System},{first.K},{first.User},{first.Ndcg:R}"), csv[1]);

        var quoted = (report with { PerUser = [new UserNdcg("a,b", 10, "say \"hi\"", 0.5)] }).ToPerUserCsv();
        Assert.Equal("system,k,user,ndcg\n\"a,b\",10,\"say \"\"hi\"\"\",0.5\n", quoted);
    }

    [Fact]
    public async Task The_rolling_origin_scores_every_user_the_single_cut_scores_and_more_pooling_their_windows()
    {
        var (ratings, movies) = WriteDataset();
        EvaluationRequest Request(SplitProtocol protocol) =>
            new(ratings, movies, protocol, [5, 10], null) { ReplayTopology = false, TestFraction = 0.3, Windows = 3 };

        var single = await EvaluationRunner.RunAsync(Request(SplitProtocol.GlobalTime), TextWriter.Null, TestContext.Current.CancellationToken);
        var rolling = await EvaluationRunner.RunAsync(Request(SplitProtocol.GlobalTimeRolling), TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal("global-time-rolling", rolling.Protocol);
        Assert.Equal(3, rolling.Windows);
        Assert.Null(single.Windows);
        Assert.Equal(single.CutTime, rolling.CutTime);
        Assert.True(rolling.TestUsers >= single.TestUsers, $"{rolling.TestUsers} < {single.TestUsers}");
        Assert.True(rolling.ScoredUserWindows > rolling.TestUsers, $"{rolling.ScoredUserWindows} user-windows of {rolling.TestUsers} users");

        // The same settings as the single cut: chosen once, on the same validation split.
        Assert.Equal(single.Tuning.Select(t => (t.System, t.ValidationNdcg)), rolling.Tuning.Select(t => (t.System, t.ValidationNdcg)));
        Assert.Equal(single.Results.Select(r => r.System).Distinct().Order(StringComparer.Ordinal), rolling.Results.Select(r => r.System).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rolling.Results, r => Assert.Equal(rolling.TestUsers, r.Users));
        Assert.Equal(2 * 2 * 4, rolling.Comparisons.Count);
        Assert.Equal(rolling.ScoredUserWindows, EvaluationReport.FromJson(rolling.ToJson()).ScoredUserWindows);
        AssertPerUserRowsAreTheMeansReported(rolling);
    }

    [Fact]
    public async Task A_sample_of_users_scores_as_a_log_of_only_those_users_would_and_the_report_names_it()
    {
        var (ratings, movies) = WriteDataset();
        var request = new EvaluationRequest(ratings, movies, SplitProtocol.Temporal, [5, 10], null) { ReplayTopology = false, TestFraction = 0.3 };

        var sampled = await EvaluationRunner.RunAsync(request with { SampleUsers = 24, SampleSeed = 7 }, TextWriter.Null, TestContext.Current.CancellationToken);
        var kept = UserSample.Keep(DatasetReaders.ReadMovieLensRatings(ratings), 24, 7).Select(e => e.UserId).ToHashSet();
        var onlyThose = Path.Combine(_folder, "only-those.csv");
        File.WriteAllLines(onlyThose, File.ReadLines(ratings).Where((line, i) => i == 0 || kept.Contains(line.Split(',')[0])));
        var direct = await EvaluationRunner.RunAsync(request with { RatingsPath = onlyThose }, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(24, kept.Count);
        Assert.Equal((24, 7), (sampled.SampledUsers, sampled.SampleSeed));
        Assert.Null(direct.SampledUsers);
        Assert.Equal(direct.TrainEvents, sampled.TrainEvents);
        Assert.Equal(direct.Results, sampled.Results);
        Assert.Equal(24, EvaluationReport.FromJson(sampled.ToJson()).SampledUsers);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>16 movies in two genres; 40 users rating eight movies of one genre, a day apart, starting on different days.</summary>
    private (string Ratings, string Movies) WriteDataset()
    {
        var movies = new StringBuilder("movieId,title,genres\n");
        for (var m = 1; m <= 16; m++)
        {
            movies.Append(CultureInfo.InvariantCulture, $"{m},Movie {m} (2000),{(m <= 8 ? "Drama" : "Comedy")}\n");
        }

        var ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var u = 1; u <= 40; u++)
        {
            var first = u % 2 == 0 ? 1 : 9;
            for (var i = 0; i < 8; i++)
            {
                var movie = first + ((u + i) % 8);
                ratings.Append(CultureInfo.InvariantCulture, $"{u},{movie},{(i % 4 == 1 ? "3.0" : "4.5")},{start + ((u % 10) * 86_400) + (i * 86_400)}\n");
            }
        }

        var ratingsPath = Path.Combine(_folder, "ratings.csv");
        var moviesPath = Path.Combine(_folder, "movies.csv");
        File.WriteAllText(ratingsPath, ratings.ToString());
        File.WriteAllText(moviesPath, movies.ToString());
        return (ratingsPath, moviesPath);
    }
}
