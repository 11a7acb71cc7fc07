using System.IO.Hashing;
using System.Text;

namespace RecoStreams.Processors.Experiments;

/// <summary>The experiment and variant a user is served, with what the variant changes.</summary>
public sealed record ExperimentAssignment(string ExperimentId, ExperimentVariant Variant);

/// <summary>
/// Deterministic, sticky assignment: a pure function of experiment id, variant names and weights, and
/// user id, so every instance (and every request) puts a user in the same variant without coordination.
/// </summary>
/// <remarks>
/// Variants are chosen by weighted rendezvous hashing: each variant v draws u_v = hash(experiment, v,
/// user) in (0, 1) and the user goes to the variant with the smallest -ln(u_v) / weight_v, which picks v
/// with probability weight_v / Σ weights. Changing one variant's weight moves users only into or out of
/// that variant (the others' scores do not change), so users of untouched variants stay where they were
/// unless they must move; adding a variant moves only the users it takes. Cumulative ranges would
/// reshuffle every variant after the changed one. Targeting uses its own hash, so the traffic fraction can
/// grow without moving anyone already in.
/// </remarks>
public static class ExperimentAssigner
{
    /// <summary>The first active experiment (by id) that targets the user, and the user's variant in it.</summary>
    public static ExperimentAssignment? Assign(IEnumerable<Experiment> experiments, string userId, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        foreach (var experiment in experiments.Where(e => e.IsActiveAt(nowMs)).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (Targets(experiment, userId))
            {
                return new ExperimentAssignment(experiment.Id, VariantOf(experiment, userId));
            }
        }

        return null;
    }

    public static bool Targets(Experiment experiment, string userId)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return experiment.Targeting.UserIds.Count > 0
            ? experiment.Targeting.UserIds.Contains(userId, StringComparer.Ordinal)
            : Unit(experiment.Id, "\0targeting", userId) < experiment.Targeting.TrafficFraction;
    }

    public static ExperimentVariant VariantOf(Experiment experiment, string userId)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ExperimentVariant? best = null;
        var bestScore = double.PositiveInfinity;
        foreach (var variant in experiment.Variants)
        {
            if (variant.Weight <= 0)
            {
                continue;
            }

            var score = -Math.Log(Unit(experiment.Id, variant.Name, userId)) / variant.Weight;
            if (score < bestScore)
            {
                (best, bestScore) = (variant, score);
            }
        }

        return best ?? experiment.Control;
    }

    /// <summary>A uniform number in (0, 1) from the 53 top bits of XxHash64(experiment, salt, user).</summary>
    private static double Unit(string experimentId, string salt, string userId)
    {
        var text = string.Concat(experimentId, "\0", salt, "\0", userId);
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));
        return ((hash >> 11) + 0.5) / (1UL << 53);
    }
}
