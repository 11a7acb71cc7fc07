namespace RecoStreams.Processors.Experiments;

/// <summary>A two-sided interval [Low, High].</summary>
public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>Variant vs control: difference, relative uplift with intervals, and the two-proportion z-test.</summary>
public sealed record ProportionComparison(
    double Difference,
    Interval DifferenceInterval,
    double RelativeUplift,
    Interval RelativeUpliftInterval,
    double ZScore,
    double PValue,
    bool Significant);

/// <summary>
/// Statistics of rates such as click-through (successes out of trials, each trial a Bernoulli draw):
/// Wilson intervals, the pooled two-proportion z-test, and the sample size a test needs.
/// </summary>
public static class ProportionStatistics
{
    /// <summary>Wilson score interval of successes/trials at confidence 1 - <paramref name="alpha"/> (sound near 0 and 1, unlike the Wald interval).</summary>
    public static Interval Wilson(long successes, long trials, double alpha = 0.05)
    {
        if (trials <= 0)
        {
            return new Interval(0, 1);
        }

        var z = NormalQuantile(1 - (alpha / 2));
        var p = (double)successes / trials;
        var z2n = z * z / trials;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z2n / (4 * trials))) / (1 + z2n);
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Variant (b) against control (a): the pooled two-proportion z-test of H0 p_a = p_b, the Wald interval
    /// of the difference p_b - p_a, and the relative uplift p_b / p_a - 1 with its interval from the log
    /// ratio (delta method). Null when either side has no trials or the control no successes.
    /// </summary>
    public static ProportionComparison? Compare(long successesA, long trialsA, long successesB, long trialsB, double alpha = 0.05)
    {
        if (trialsA <= 0 || trialsB <= 0 || successesA <= 0 || successesB <= 0)
        {
            return null;
        }

        var pa = (double)successesA / trialsA;
        var pb = (double)successesB / trialsB;
        var pooled = (double)(successesA + successesB) / (trialsA + trialsB);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trialsA) + (1.0 / trialsB)));
        var zScore = pooledSe > 0 ? (pb - pa) / pooledSe : 0;
        var pValue = 2 * (1 - NormalCdf(Math.Abs(zScore)));
        var z = NormalQuantile(1 - (alpha / 2));
        var se = Math.Sqrt((pa * (1 - pa) / trialsA) + (pb * (1 - pb) / trialsB));
        var logSe = Math.Sqrt(((1 - pa) / successesA) + ((1 - pb) / successesB));
        var logRatio = Math.Log(pb / pa);
        return new ProportionComparison(
            pb - pa,
            new Interval(pb - pa - (z * se), pb - pa + (z * se)),
            (pb / pa) - 1,
            new Interval(Math.Exp(logRatio - (z * logSe)) - 1, Math.Exp(logRatio + (z * logSe)) - 1),
            zScore,
            pValue,
            pValue < alpha);
    }

    /// <summary>
    /// Trials per arm a two-sided test at level <paramref name="alpha"/> needs to detect rates
    /// <paramref name="pa"/> vs <paramref name="pb"/> with probability <paramref name="power"/> (the standard
    /// normal-approximation formula).
    /// </summary>
    public static long RequiredTrialsPerArm(double pa, double pb, double alpha = 0.05, double power = 0.8)
    {
        var zAlpha = NormalQuantile(1 - (alpha / 2));
        var zBeta = NormalQuantile(power);
        var mean = (pa + pb) / 2;
        var root = (zAlpha * Math.Sqrt(2 * mean * (1 - mean))) + (zBeta * Math.Sqrt((pa * (1 - pa)) + (pb * (1 - pb))));
        return (long)Math.Ceiling(root * root / ((pa - pb) * (pa - pb)));
    }

    /// <summary>Standard normal CDF, via the Chebyshev fit of erfc from Numerical Recipes (fractional error below 1.2e-7).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>Standard normal quantile (P. J. Acklam's rational approximation, refined by one Halley step).</summary>
    public static double NormalQuantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must lie strictly between 0 and 1");
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5];
            x /= (((((d[0] * q) + d[1]) * q) + d[2]) * q + d[3]) * q + 1;
        }
        else if (p <= 1 - low)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((((a[0] * r) + a[1]) * r) + a[2]) * r) + a[3]) * r + a[4]) * r + a[5];
            x = x * q / ((((((((b[0] * r) + b[1]) * r) + b[2]) * r) + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5]);
            x /= (((((d[0] * q) + d[1]) * q) + d[2]) * q + d[3]) * q + 1;
        }

        var e = NormalCdf(x) - p;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = -z * z - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var result = t * Math.Exp(poly);
        return x >= 0 ? result : 2 - result;
    }
}
