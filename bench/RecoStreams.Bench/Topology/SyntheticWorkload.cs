using RecoStreams.Processors.Domain;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// A deterministic catalog and event stream shaped like real engagement: item popularity follows a Zipf
/// law (s = 1), users are uniform, and the event mix is mostly views with some likes, ratings, watches,
/// carts and purchases. Every event is valid and names a catalog item.
/// </summary>
internal sealed class SyntheticWorkload
{
    private static readonly string[] GenreNames =
    [
        "Drama", "Comedy", "Thriller", "Action", "Romance", "Horror", "Sci-Fi", "Fantasy", "Documentary", "Animation",
        "Crime", "Mystery", "War", "Western", "Musical", "Family", "History", "Sport", "Biography", "Adventure",
    ];

    private readonly Random _random = new(42);
    private readonly double[] _cumulative;
    private readonly int _users;

    public SyntheticWorkload(int items, int users)
    {
        _users = users;
        Catalog = [.. Enumerable.Range(0, items).Select(NewItem)];
        _cumulative = new double[items];
        var sum = 0.0;
        for (var i = 0; i < items; i++)
        {
            sum += 1.0 / (i + 1);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < items; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    public IReadOnlyList<CatalogItem> Catalog { get; }

    public EngagementEvent NextEvent(DateTimeOffset at) => NextEventOf("user-" + _random.Next(_users), at);

    /// <summary>An event of the given user (0 to users - 1): a preload that names every user in turn.</summary>
    public EngagementEvent NextEventOf(int user, DateTimeOffset at) => NextEventOf("user-" + user, at);

    private EngagementEvent NextEventOf(string user, DateTimeOffset at)
    {
        var item = Catalog[ZipfIndex()];
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.60 => Event(user, item, EventType.View, at),
            < 0.70 => Event(user, item, EventType.Like, at),
            < 0.85 => Event(user, item, EventType.Rating, at) with { Rating = 0.5 * _random.Next(1, 11) },
            < 0.95 => Event(user, item, EventType.Watch, at) with { WatchSeconds = _random.Next(0, 5400), ItemDurationSeconds = 5400 },
            < 0.98 => Event(user, item, EventType.AddToCart, at),
            _ => Event(user, item, EventType.Purchase, at),
        };
    }

    private static EngagementEvent Event(string user, CatalogItem item, EventType type, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("D"), user, item.ItemId, type, at);

    private int ZipfIndex()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    private CatalogItem NewItem(int i) => new(
        "item-" + i,
        "Title " + i,
        [.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => GenreNames[_random.Next(GenreNames.Length)]).Distinct()],
        ["creator-" + _random.Next(300)],
        _random.Next(4) == 0 ? "fr" : "en",
        [],
        5400,
        true,
        DateTimeOffset.UnixEpoch);
}
