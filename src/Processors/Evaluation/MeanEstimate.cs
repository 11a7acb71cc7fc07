using MathNet.Numerics.Distributions;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// The mean of per-user values with its standard error (sample standard deviation / √n) and a 95 %
/// confidence interval from Student's t with n − 1 degrees of freedom.
/// </summary>
public readonly record struct MeanEstimate(double Mean, double StandardError, double Lower95, double Upper95, int Count)
{
    /// <summary>Needs at least two values: one value has no spread to estimate an error from.</summary>
    public static MeanEstimate Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n < 2)
        {
            throw new ArgumentException($"A standard error needs at least two values, got {n}.", nameof(values));
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var error = Math.Sqrt(variance / n);
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * error;
        return new MeanEstimate(mean, error, mean - half, mean + half, n);
    }
}
