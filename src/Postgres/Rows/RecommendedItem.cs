namespace RecoStreams.Postgres.Rows;

/// <summary>One entry of a user's list, stored as an element of recommendations.items (jsonb).</summary>
public sealed record RecommendedItem(string Id, double Score, string Source, int Rank, string Explanation);
