using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoStreams.Evaluation;

/// <summary>One system at one cut-off: means over the scored users, with standard errors for the per-user metrics.</summary>
public sealed record SystemMetrics(
    string System,
    int K,
    int Users,
    double Recall,
    double RecallSe,
    double Ndcg,
    double NdcgSe,
    double Map,
    double MapSe,
    double Coverage,
    double Novelty);

/// <summary>
/// A system against a baseline on NDCG@K over the same users: the ratio of means (none when the baseline's
/// mean is 0) and the paired difference
/// (system − baseline) with its standard error and 95 % interval.
/// </summary>
public sealed record PairedComparison(
    string System,
    string Baseline,
    int K,
    double SystemNdcg,
    double BaselineNdcg,
    double? Ratio,
    double Difference,
    double DifferenceSe,
    double Lower95,
    double Upper95);

/// <summary>One scored user's NDCG@K under one system (the values the paired comparisons pair).</summary>
public sealed record UserNdcg(string System, int K, string User, double Ndcg);

/// <summary>The outcome of one evaluate run: the split, the settings chosen on validation, every system's metrics and the paired comparisons.</summary>
public sealed record EvaluationReport(
    string Ratings,
    string Items,
    string Protocol,
    string SameSecondRule,
    double? TestFraction,
    string? CutTime,
    int TrainEvents,
    int TestUsers,
    int ValidationTrainEvents,
    int ValidationUsers,
    int CatalogItems,
    int ListSize,
    long DeadLettered,
    double ReplaySeconds,
    double TotalSeconds,
    IReadOnlyList<TunedSetting> Tuning,
    IReadOnlyList<SystemMetrics> Results,
    IReadOnlyList<PairedComparison> Comparisons)
{
    /// <summary>The users evaluated when a seeded sample of them was asked for (<see cref="EvaluationRequest.SampleUsers"/>); null: every user.</summary>
    public int? SampledUsers { get; init; }

    /// <summary>The sample's seed; null without a sample.</summary>
    public int? SampleSeed { get; init; }

    /// <summary>The rolling origin's windows (cuts); null for a single split.</summary>
    public int? Windows { get; init; }

    /// <summary>The rolling origin's scored (user, window) pairs, pooled per user into <see cref="TestUsers"/>; null for a single split.</summary>
    public int? ScoredUserWindows { get; init; }

    /// <summary>Every scored user's NDCG@K per system and cut-off, for per-user analysis (written as CSV, not in the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<UserNdcg> PerUser { get; init; } = [];

    public const string SameSecond =
        "events sharing a timestamp are unordered: a held-out part starts at a second boundary and takes the whole second; "
        + "training ties are ordered by a seeded hash of the event id";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = EvaluationJsonContext.Default,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, Json) ?? throw new JsonException("Empty evaluation report.");

    /// <summary><see cref="PerUser"/> as CSV: system,k,user,ndcg (RFC 4180 quoting where a name needs it).</summary>
    public string ToPerUserCsv()
    {
        var csv = new StringBuilder("system,k,user,ndcg\n");
        foreach (var row in PerUser)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{CsvField(row.System)},{row.K},{CsvField(row.User)},{row.Ndcg:R}\n");
        }

        return csv.ToString();
    }

    /// <summary>Every user of <paramref name="scored"/> (in <paramref name="users"/> order) as <see cref="UserNdcg"/> rows.</summary>
    public static IEnumerable<UserNdcg> RowsOf(ScoredLists scored, IReadOnlyList<string> users)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(users);
        return users.Select((user, u) => new UserNdcg(scored.System, scored.K, user, scored.Ndcg[u]));
    }

    /// <summary>Fixed-width tables: metrics (± standard error), paired NDCG differences, and the settings chosen on validation.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"system",-24} {"K",3} {"users",6} {"recall",15} {"ndcg",15} {"map",15} {"coverage",9} {"novelty",8}");
        foreach (var r in Results.OrderBy(r => r.K).ThenBy(r => r.System, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{r.System,-24} {r.K,3} {r.Users,6} {WithError(r.Recall, r.RecallSe),15} {WithError(r.Ndcg, r.NdcgSe),15} {WithError(r.Map, r.MapSe),15} {r.Coverage,9:F4} {r.Novelty,8:F2}");
        }

        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"NDCG@K: system vs baseline",-48} {"K",3} {"ratio",6} {"difference",11} {"se",7} {"95% interval",20}");
        foreach (var c in Comparisons.OrderBy(c => c.K).ThenBy(c => c.System, StringComparer.Ordinal).ThenBy(c => c.Baseline, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{c.System + " vs " + c.Baseline,-48} {c.K,3} {(c.Ratio is { } ratio ? ratio.ToString("F2", CultureInfo.InvariantCulture) : "-"),6} {c.Difference,11:+0.0000;-0.0000} {c.DifferenceSe,7:F4} {$"[{c.Lower95:+0.0000;-0.0000}, {c.Upper95:+0.0000;-0.0000}]",20}");
        }

        table.AppendLine();
        table.AppendLine("Settings chosen on the validation split:");
        foreach (var t in Tuning)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"  {t.System,-16} {BaselineTuning.Describe(t)}");
        }

        return table.ToString();
    }

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string WithError(double mean, double se) => string.Create(CultureInfo.InvariantCulture, $"{mean:F4}±{se:F4}");
}

[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
