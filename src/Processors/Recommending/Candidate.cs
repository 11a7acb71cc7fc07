using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>One candidate's raw per-source scores and the evidence behind each, while a list is built.</summary>
internal sealed class Candidate(CatalogItem item)
{
    public CatalogItem Item { get; } = item;

    public double Cf { get; set; }

    /// <summary>The seed that contributed most to <see cref="Cf"/>: "because you watched X".</summary>
    public RecentItem? CfSeed { get; set; }

    public double CfSeedContribution { get; set; }

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
}
