using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Affinity;

/// <summary>Turns one engagement into a signed weight (see <see cref="AffinityOptions"/> for the table).</summary>
public sealed class EventWeights(AffinityOptions options)
{
    /// <param name="catalogDurationSeconds">Used for watches when the event carries no duration.</param>
    public double WeightOf(EngagementEvent e, double? catalogDurationSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            EventType.View => options.ViewWeight,
            EventType.Click => options.ClickWeight,
            EventType.Like => options.LikeWeight,
            EventType.Dislike => options.DislikeWeight,
            EventType.AddToCart => options.AddToCartWeight,
            EventType.Purchase => options.PurchaseWeight,
            EventType.Rating => ((e.Rating ?? options.RatingPivot) - options.RatingPivot) * options.RatingScale,
            EventType.Watch => options.WatchFullWeight * WatchedFraction(e, catalogDurationSeconds),
            _ => 0,
        };
    }

    private double WatchedFraction(EngagementEvent e, double? catalogDurationSeconds)
    {
        var duration = e.ItemDurationSeconds ?? catalogDurationSeconds;
        if (e.WatchSeconds is not { } watched || duration is not > 0)
        {
            return options.WatchUnknownFraction;
        }

        return Math.Clamp(watched / duration.Value, 0, 1);
    }
}
