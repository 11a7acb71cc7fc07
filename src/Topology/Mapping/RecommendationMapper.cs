using Contract = RecoStreams.Avro.Contracts;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Mapping;

/// <summary>Maps a domain recommendation update to the RecommendationUpdated Avro contract and back.</summary>
public static class RecommendationMapper
{
    /// <summary>Name and version of the algorithm stamped on every published list.</summary>
    public const string Algorithm = "hybrid-v1";

    public static Contract.RecommendationUpdated ToContract(Domain.RecommendationUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var list = update.List;
        var items = new List<Contract.RecommendedItem>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            items.Add(new Contract.RecommendedItem(item.ItemId, i + 1, item.Score, ToContract(item.Source), item.Explanation));
        }

        return new()
        {
            UserId = list.UserId,
            GeneratedAt = DateTimeOffset.FromUnixTimeMilliseconds(list.GeneratedAtMs),
            Algorithm = Algorithm,
            Strategy = ToContract(list.Strategy),
            Items = items,
            PreviousItemIds = update.PreviousItemIds,
            Trigger = ToContract(update.Trigger),
            Version = update.Version,
            ModelVersion = list.ModelVersion,
        };
    }

    /// <summary>The contract's trigger names ("backfill" is a refresh request too, so it is never written here).</summary>
    public static string ToContract(Domain.RecomputeTrigger trigger) => trigger switch
    {
        Domain.RecomputeTrigger.Refresh => "refresh",
        _ => "punctuation",
    };

    public static Contract.RecommendationStrategy ToContract(Domain.RecommendationStrategy strategy) => strategy switch
    {
        Domain.RecommendationStrategy.PopularFallback => Contract.RecommendationStrategy.ColdStart,
        Domain.RecommendationStrategy.ContentBased => Contract.RecommendationStrategy.Content,
        Domain.RecommendationStrategy.Hybrid => Contract.RecommendationStrategy.Hybrid,
        Domain.RecommendationStrategy.CfDiverse => Contract.RecommendationStrategy.CfDiverse,
        _ => Contract.RecommendationStrategy.Unknown,
    };

    public static Contract.CandidateSource ToContract(Domain.RecommendationSource source) => source switch
    {
        Domain.RecommendationSource.Cf => Contract.CandidateSource.Cf,
        Domain.RecommendationSource.Content => Contract.CandidateSource.Content,
        Domain.RecommendationSource.Popular => Contract.CandidateSource.Popular,
        Domain.RecommendationSource.Trending => Contract.CandidateSource.Trending,
        _ => Contract.CandidateSource.Unknown,
    };

    /// <summary>
    /// Reads a published update back into the domain (for consumers and tests of the output topic). The
    /// contract does not carry the user class; a list read back is marked ColdStart.
    /// </summary>
    public static Domain.RecommendationUpdate ToDomain(Contract.RecommendationUpdated updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var list = new Domain.RecommendationList(
            updated.UserId,
            updated.Items.Select(i => new Domain.RecommendedItem(i.ItemId, i.Score, ToDomain(i.Source), i.Explanation)).ToList(),
            ToDomain(updated.Strategy),
            Domain.UserClass.ColdStart,
            updated.GeneratedAt.ToUnixTimeMilliseconds())
        {
            ModelVersion = updated.ModelVersion,
        };
        var trigger = updated.Trigger is "refresh" or "backfill" ? Domain.RecomputeTrigger.Refresh : Domain.RecomputeTrigger.Punctuation;
        return new Domain.RecommendationUpdate(list, updated.PreviousItemIds, trigger);
    }

    private static Domain.RecommendationStrategy ToDomain(Contract.RecommendationStrategy strategy) => strategy switch
    {
        Contract.RecommendationStrategy.Content => Domain.RecommendationStrategy.ContentBased,
        Contract.RecommendationStrategy.Hybrid => Domain.RecommendationStrategy.Hybrid,
        Contract.RecommendationStrategy.CfDiverse => Domain.RecommendationStrategy.CfDiverse,
        _ => Domain.RecommendationStrategy.PopularFallback,
    };

    private static Domain.RecommendationSource ToDomain(Contract.CandidateSource source) => source switch
    {
        Contract.CandidateSource.Cf => Domain.RecommendationSource.Cf,
        Contract.CandidateSource.Content => Domain.RecommendationSource.Content,
        Contract.CandidateSource.Trending => Domain.RecommendationSource.Trending,
        _ => Domain.RecommendationSource.Popular,
    };
}
