namespace RecoStreams.Evaluation;

/// <summary>The setting a system was given: the best of <paramref name="Candidates"/> by NDCG@K on the validation split.</summary>
public sealed record TunedSetting(
    string System,
    IReadOnlyDictionary<string, string> Parameters,
    int K,
    double ValidationNdcg,
    double ValidationNdcgSe,
    int Candidates);
