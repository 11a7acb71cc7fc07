namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// Reduces a batch to one row per key before the upsert: ON CONFLICT DO UPDATE cannot touch the same row
/// twice in one statement. The newest version wins; on equal versions the first seen wins, matching the
/// table, where a row with an equal version is left as it is.
/// </summary>
internal static class NewestPerKey
{
    public static List<TRow> Reduce<TRow, TKey>(
        IEnumerable<TRow> rows,
        Func<TRow, TKey> key,
        Func<TRow, DateTime> version)
        where TKey : notnull
    {
        var newest = new Dictionary<TKey, TRow>();
        foreach (var row in rows)
        {
            var k = key(row);
            if (!newest.TryGetValue(k, out var current) || version(row) > version(current))
            {
                newest[k] = row;
            }
        }

        return [.. newest.Values];
    }
}
