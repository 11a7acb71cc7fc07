using System.Text.Json.Serialization;
using RecoStreams.Postgres.Rows;

namespace RecoStreams.Postgres.Upserts;

/// <summary>The jsonb column shapes: items as [{id, score, source, rank, explanation}], scores as {key: score}.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<RecommendedItem>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
internal sealed partial class MirrorJsonContext : JsonSerializerContext;
