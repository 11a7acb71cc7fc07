namespace RecoStreams.Processors.Items;

/// <summary>
/// Similarity of two items from co-visitation:
/// <c>sim(i, j) = co / sqrt(n_i · n_j) · co / (co + λ)</c>, where co is the decayed count of users
/// engaging both close together and n_i, n_j the decayed engagement counts of each item. The cosine
/// removes the bias towards globally popular items; the shrinkage term co/(co+λ) pulls similarities
/// supported by few co-occurrences towards zero. The cosine is capped at 1 because a repeat engagement
/// can add co-occurrences without a matching count.
/// </summary>
public static class CoVisitationSimilarity
{
    public static double Compute(double coCount, double countI, double countJ, double shrinkage)
    {
        if (coCount <= 0 || countI <= 0 || countJ <= 0)
        {
            return 0;
        }

        var cosine = Math.Min(1.0, coCount / Math.Sqrt(countI * countJ));
        return cosine * (coCount / (coCount + Math.Max(0, shrinkage)));
    }
}
