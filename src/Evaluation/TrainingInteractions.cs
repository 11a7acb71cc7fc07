using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Models;

namespace RecoStreams.Evaluation;

/// <summary>
/// Engagement events as the item models' input: every rating or positive engagement is one implicit
/// interaction of weight 1 (the usual reading of MovieLens for top-N recommendation); dislikes carry none.
/// </summary>
internal static class TrainingInteractions
{
    public static Interaction From(EngagementEvent e) =>
        new(e.UserId, e.ItemId, e.OccurredAtMs, e.Type is EventType.Dislike or EventType.Unknown ? 0f : 1f);
}
