namespace RecoStreams.Processors.Models;

/// <summary>
/// Interactions as a sparse user × item matrix with dense indices, both ways: per user the items and
/// values, per item the users and values. A user-item pair seen more than once keeps its largest value
/// (repeat views do not add up without bound); values of zero or less are left out. Items and users are
/// indexed in ordinal order of their ids, so training is deterministic.
/// </summary>
internal sealed class InteractionMatrix
{
    private InteractionMatrix(string[] items, int[][] userItems, float[][] userValues, int[][] itemUsers, float[][] itemValues)
    {
        Items = items;
        UserItems = userItems;
        UserValues = userValues;
        ItemUsers = itemUsers;
        ItemValues = itemValues;
    }

    public string[] Items { get; }

    public int[][] UserItems { get; }

    public float[][] UserValues { get; }

    public int[][] ItemUsers { get; }

    public float[][] ItemValues { get; }

    public static InteractionMatrix Build(IReadOnlyList<Interaction> interactions, Func<Interaction, float> value)
    {
        var cells = new Dictionary<(string User, string Item), float>();
        foreach (var e in interactions)
        {
            var v = value(e);
            if (float.IsFinite(v) && v > 0 && (!cells.TryGetValue((e.UserId, e.ItemId), out var known) || v > known))
            {
                cells[(e.UserId, e.ItemId)] = v;
            }
        }

        var items = cells.Keys.Select(c => c.Item).Distinct().Order(StringComparer.Ordinal).ToArray();
        var users = cells.Keys.Select(c => c.User).Distinct().Order(StringComparer.Ordinal).ToArray();
        var itemIndex = Index(items);
        var userIndex = Index(users);
        var byUser = users.Select(_ => new List<(int Item, float Value)>()).ToArray();
        var byItem = items.Select(_ => new List<(int User, float Value)>()).ToArray();
        foreach (var ((user, item), v) in cells)
        {
            var (u, i) = (userIndex[user], itemIndex[item]);
            byUser[u].Add((i, v));
            byItem[i].Add((u, v));
        }

        foreach (var list in byUser)
        {
            list.Sort();
        }

        foreach (var list in byItem)
        {
            list.Sort();
        }

        return new InteractionMatrix(
            items,
            [.. byUser.Select(l => l.Select(x => x.Item).ToArray())],
            [.. byUser.Select(l => l.Select(x => x.Value).ToArray())],
            [.. byItem.Select(l => l.Select(x => x.User).ToArray())],
            [.. byItem.Select(l => l.Select(x => x.Value).ToArray())]);
    }

    private static Dictionary<string, int> Index(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }

        return index;
    }
}
