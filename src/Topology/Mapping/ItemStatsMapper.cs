using Contract = RecoStreams.Avro.Contracts;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Mapping;

/// <summary>
/// Maps the domain's ItemStats to the ItemStats Avro contract and back. The contract labels windows
/// ("1h", "24h"); the domain keeps their sizes in ms. The decayed totals the recommender needs travel
/// as two synthetic "decayed" and "decayed-count" window scores so the contract stays unchanged.
/// </summary>
public static class ItemStatsMapper
{
    private const string DecayedLabel = "decayed";

    public static Contract.ItemStats ToContract(Domain.ItemStats stats)
    {
        var updatedAt = DateTimeOffset.FromUnixTimeMilliseconds(stats.UpdatedAtMs);
        // The windows and the two decayed totals: sized once, as the list is built for every publication.
        var popularity = new List<Contract.WindowScore>(stats.Windows.Count + 2);
        foreach (var w in stats.Windows)
        {
            popularity.Add(new Contract.WindowScore(
                WindowLabels.Format(w.SizeMs),
                DateTimeOffset.FromUnixTimeMilliseconds(w.StartMs),
                DateTimeOffset.FromUnixTimeMilliseconds(w.StartMs + w.SizeMs),
                w.Score,
                w.Events));
        }

        // Decayed totals: score = decayed popularity, event_count unused (0), the decayed count rides in
        // a zero-width window so readers that only understand "1h"/"24h" labels ignore it.
        popularity.Add(new Contract.WindowScore(DecayedLabel, updatedAt, updatedAt, stats.DecayedPopularity, 0));
        popularity.Add(new Contract.WindowScore(DecayedLabel + "-count", updatedAt, updatedAt, stats.DecayedCount, 0));

        return new Contract.ItemStats
        {
            ItemId = stats.ItemId,
            UpdatedAt = updatedAt,
            Popularity = popularity,
            Neighbours = stats.Neighbours.Select(n => new Contract.Neighbour(n.ItemId, n.Similarity, n.CoCount)).ToList(),
            Genres = stats.Genres,
        };
    }

    public static Domain.ItemStats ToDomain(Contract.ItemStats stats)
    {
        double decayed = 0, decayedCount = 0;
        var windows = new List<Domain.WindowedPopularity>(stats.Popularity.Count);
        foreach (var w in stats.Popularity)
        {
            if (w.Window == DecayedLabel)
            {
                decayed = w.Score;
            }
            else if (w.Window == DecayedLabel + "-count")
            {
                decayedCount = w.Score;
            }
            else if (WindowLabels.TryParse(w.Window, out var sizeMs))
            {
                windows.Add(new Domain.WindowedPopularity(sizeMs, w.WindowStart.ToUnixTimeMilliseconds(), w.Score, w.EventCount));
            }
        }

        return new Domain.ItemStats(
            stats.ItemId,
            stats.UpdatedAt.ToUnixTimeMilliseconds(),
            windows,
            decayed,
            decayedCount,
            stats.Neighbours.Select(n => new Domain.Neighbour(n.ItemId, n.Similarity, n.CoCount)).ToList(),
            stats.Genres);
    }
}
