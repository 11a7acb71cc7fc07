namespace RecoStreams.Processors.Experiments;

/// <summary>What one signal adds to an experiment's counts.</summary>
public enum SignalKind
{
    /// <summary>A list was served: one exposure, and one impression at each of positions 1..Items.</summary>
    Exposure,
    Click,
    AddToCart,
    Purchase,
    Dismiss,

    /// <summary>Feedback that could not be attributed: no exposure of its request in the join window (orphan or late), or none named.</summary>
    Unattributed,
}

/// <summary>
/// One countable fact about an experiment, keyed by experiment id on its way to the counts. For
/// <see cref="SignalKind.Unattributed"/> the experiment is unknown and <see cref="ExperimentId"/> is
/// <see cref="Unattributed"/>.
/// </summary>
public sealed record ExperimentSignal(string ExperimentId, string Variant, SignalKind Kind, int Position, int Items)
{
    /// <summary>The key unattributed feedback is counted under (experiment ids cannot contain '~').</summary>
    public const string Unattributed = "~unattributed";
}

/// <summary>Turns exposures and joined feedback into experiment signals (the attribution rule).</summary>
public static class Attribution
{
    /// <summary>The exposure's signal, or null when the list was served outside any experiment.</summary>
    public static ExperimentSignal? OfExposure(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        return exposure is { ExperimentId: { } experiment, Variant: { } variant }
            ? new ExperimentSignal(experiment, variant, SignalKind.Exposure, 0, exposure.Items.Count)
            : null;
    }

    /// <summary>
    /// The signal of feedback joined with its exposure (null when there was none in the window): attributed
    /// to the exposure's experiment and variant when the item was in that list; unattributed when there was
    /// no exposure or the item was not in it; null when the list was outside any experiment or the action
    /// is not counted (impressions come from exposures).
    /// </summary>
    public static ExperimentSignal? OfFeedback(Feedback feedback, Exposure? exposure)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var kind = feedback.Action switch
        {
            FeedbackAction.Click => SignalKind.Click,
            FeedbackAction.AddToCart => SignalKind.AddToCart,
            FeedbackAction.Purchase => SignalKind.Purchase,
            FeedbackAction.Dismiss => SignalKind.Dismiss,
            _ => (SignalKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        if (exposure is null || ServedAs(exposure, feedback.ItemId) is not { } served)
        {
            return new ExperimentSignal(ExperimentSignal.Unattributed, string.Empty, SignalKind.Unattributed, feedback.Position, 0);
        }

        return exposure is { ExperimentId: { } experiment, Variant: { } variant }
            ? new ExperimentSignal(experiment, variant, kind.Value, served.Position, 0)
            : null;
    }

    private static ServedItem? ServedAs(Exposure exposure, string itemId)
    {
        foreach (var item in exposure.Items)
        {
            if (string.Equals(item.ItemId, itemId, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }
}
