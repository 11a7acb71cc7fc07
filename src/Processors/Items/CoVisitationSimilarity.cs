namespace RecoStreams.Processors.Items;

/// <summary>
/// Similarity of two items from co-visitation:
/// <c>sim(i, j) = co / (n_i^(1-β) · n_j^β) · co / (co + λ)</c>, where co is the decayed count of users
/// engaging both close together and n_i, n_j the decayed engagement counts of each item. β = 0.5 is
/// the cosine, which removes the bias towards globally popular neighbours; a smaller β keeps some of it
/// (β = 0 is the conditional probability P(j | i)). The shrinkage term co/(co+λ) pulls similarities
/// supported by few co-occurrences towards zero. The normalised part is capped at 1 because a repeat
/// engagement can add co-occurrences without a matching count.
/// </summary>
public static class CoVisitationSimilarity
{
    public static double Compute(double coCount, double countI, double countJ, double shrinkage, double beta = 0.5) =>
        Compute(coCount, countI, WeightOfCountI(countI, beta), countJ, WeightOfCountJ(countJ, beta), shrinkage);

    /// <summary>
    /// The same similarity with n_i^(1-β) and n_j^β given (<see cref="WeightOfCountI"/>, <see cref="WeightOfCountJ"/>),
    /// so a caller comparing one item with hundreds of others raises each count to its power once, not once per pair.
    /// </summary>
    public static double Compute(double coCount, double countI, double weightI, double countJ, double weightJ, double shrinkage)
    {
        if (coCount <= 0 || countI <= 0 || countJ <= 0)
        {
            return 0;
        }

        var normalised = Math.Min(1.0, coCount / (weightI * weightJ));
        return normalised * (coCount / (coCount + Math.Max(0, shrinkage)));
    }

    /// <summary>n_i^(1-β); 0 for a count the similarity does not use (not positive).</summary>
    public static double WeightOfCountI(double countI, double beta) => countI > 0 ? Math.Pow(countI, 1 - beta) : 0;

    /// <summary>n_j^β; 0 for a count the similarity does not use (not positive).</summary>
    public static double WeightOfCountJ(double countJ, double beta) => countJ > 0 ? Math.Pow(countJ, beta) : 0;
}
