namespace RecoStreams.Processors.Models;

/// <summary>Picks an item's k best positive-scored neighbours from a dense score row without sorting the row.</summary>
internal static class TopNeighbours
{
    public static IReadOnlyList<ScoredItem> Select(ReadOnlySpan<double> row, IEnumerable<int> candidates, int self, int k, string[] ids)
    {
        var heap = new PriorityQueue<int, double>(k + 1);
        foreach (var j in candidates)
        {
            var score = row[j];
            if (j == self || !(score > 0) || !double.IsFinite(score))
            {
                continue;
            }

            if (heap.Count < k)
            {
                heap.Enqueue(j, score);
            }
            else if (heap.TryPeek(out _, out var lowest) && score > lowest)
            {
                heap.DequeueEnqueue(j, score);
            }
        }

        var result = new ScoredItem[heap.Count];
        var n = 0;
        while (heap.TryDequeue(out var j, out var score))
        {
            result[n++] = new ScoredItem(ids[j], (float)score);
        }

        return result;
    }
}
