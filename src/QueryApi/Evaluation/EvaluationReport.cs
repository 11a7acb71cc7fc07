using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.QueryApi.Evaluation;

/// <summary>One system at one cut-off, as written to the JSON report.</summary>
internal sealed record SystemMetrics(string System, int K, int Users, double Recall, double Ndcg, double Map, double Coverage, double Novelty)
{
    public static SystemMetrics From(ModelMetrics m) => new(m.Model, m.K, m.Users, m.Recall, m.Ndcg, m.Map, m.Coverage, m.Novelty);
}

/// <summary>The outcome of one evaluate run: the split, what was replayed, and every system's metrics.</summary>
internal sealed record EvaluationReport(
    string Ratings,
    string Items,
    string Protocol,
    int TrainEvents,
    int TestUsers,
    int CatalogItems,
    int ListSize,
    long DeadLettered,
    double ReplaySeconds,
    IReadOnlyList<SystemMetrics> Results)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = EvaluationJsonContext.Default,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, Json) ?? throw new JsonException("Empty evaluation report.");

    /// <summary>A fixed-width table, one row per system and cut-off.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"system",-24} {"K",3} {"users",6} {"recall",8} {"ndcg",8} {"map",8} {"coverage",9} {"novelty",8}");
        foreach (var r in Results.OrderBy(r => r.K).ThenBy(r => r.System, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.System,-24} {r.K,3} {r.Users,6} {r.Recall,8:F4} {r.Ndcg,8:F4} {r.Map,8:F4} {r.Coverage,9:F4} {r.Novelty,8:F2}");
        }

        return table.ToString();
    }
}

[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
