namespace RecoStreams.Processors.Affinity;

/// <summary>
/// A score that halves every half-life: value(t) = Value · 2^(-(t - AtMs) / halfLife).
/// Adding a weight at time t gives value(t) + weight. A weight older than <see cref="AtMs"/> (an
/// out-of-order event) is decayed to AtMs before it is added, so the result does not depend on the
/// order events arrive in: it is always Σ weight_k · 2^(-(T - t_k) / halfLife) for T = newest time.
/// </summary>
public readonly record struct DecayedScore(double Value, long AtMs)
{
    public static DecayedScore Zero => default;

    public double ValueAt(long atMs, double halfLifeMs) =>
        atMs <= AtMs ? Value : Value * Decay(atMs - AtMs, halfLifeMs);

    public DecayedScore Add(double weight, long atMs, double halfLifeMs)
    {
        if (Value == 0 && AtMs == 0)
        {
            return new DecayedScore(weight, atMs);
        }

        return atMs >= AtMs
            ? new DecayedScore(ValueAt(atMs, halfLifeMs) + weight, atMs)
            : new DecayedScore(Value + (weight * Decay(AtMs - atMs, halfLifeMs)), AtMs);
    }

    /// <summary>2^(-elapsed / halfLife); 1 for a non-positive half-life, meaning "no decay".</summary>
    public static double Decay(double elapsedMs, double halfLifeMs) =>
        halfLifeMs <= 0 ? 1.0 : Math.Pow(2.0, -elapsedMs / halfLifeMs);
}
