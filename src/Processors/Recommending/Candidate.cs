using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>One candidate's raw per-source scores and the evidence behind each, while a list is built.</summary>
internal sealed class Candidate(CatalogItem item)
{
    public CatalogItem Item { get; private set; } = item;

    /// <summary>The item's number in the generating thread's <see cref="ItemNumbering"/>, for this list.</summary>
    public int Number { get; set; }

    /// <summary>Co-visitation's score (with a trained model's scaled into it, unless kept apart) and its leading seed.</summary>
    public SeedEvidence Cf;

    /// <summary>The trained model's score, when it is kept apart from <see cref="Cf"/> (<see cref="Options.TrainedScaling.WholeList"/>).</summary>
    public SeedEvidence Trained;

    public double Content { get; set; }

    public ContentReason? ContentReason { get; set; }

    public double Popular { get; set; }

    /// <summary>The genre facet the item was found popular in; null when it came from the overall list.</summary>
    public string? PopularGenre { get; set; }

    public double Score { get; set; }

    /// <summary>
    /// The MMR value the candidate was picked with (relevance scaled to the best, less redundancy): the
    /// score a list shows, since it never rises down the list while <see cref="Score"/> may.
    /// </summary>
    public double RankScore { get; set; }

    public RecommendationSource Source { get; set; }

    /// <summary>Makes a reused candidate what a new one for <paramref name="candidateItem"/> would be.</summary>
    public void Reset(CatalogItem candidateItem)
    {
        Item = candidateItem;
        (Cf, Trained) = (default, default);
        (Content, ContentReason) = (0, null);
        (Popular, PopularGenre) = (0, null);
        (Score, RankScore, Source) = (0, 0, default);
    }
}
