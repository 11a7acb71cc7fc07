namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// Compares two systems scored on the same users: the mean of the per-user differences (system − baseline)
/// with its standard error and 95 % interval. Pairing removes the spread between users that both systems
/// share (easy and hard users), so it tells systems apart where two separate intervals would overlap.
/// </summary>
public static class PairedDifference
{
    /// <param name="system">Per-user metric values of the system.</param>
    /// <param name="baseline">The same metric for the same users, in the same order.</param>
    public static MeanEstimate Of(IReadOnlyList<double> system, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(baseline);
        if (system.Count != baseline.Count)
        {
            throw new ArgumentException($"Paired values must cover the same users: {system.Count} vs {baseline.Count}.", nameof(baseline));
        }

        return MeanEstimate.Of([.. system.Zip(baseline, (a, b) => a - b)]);
    }

    /// <summary>True when the interval lies wholly above zero: the system is better beyond noise.</summary>
    public static bool IsBetter(MeanEstimate difference) => difference.Lower95 > 0;

    /// <summary>True when the interval lies wholly below zero: the system is worse beyond noise.</summary>
    public static bool IsWorse(MeanEstimate difference) => difference.Upper95 < 0;
}
