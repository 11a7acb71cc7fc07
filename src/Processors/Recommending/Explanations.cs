using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>Short, user-facing reasons for a recommended item.</summary>
internal static class Explanations
{
    public static string BecauseOf(RecentItem seed, string seedTitle) => $"because you {Verb(seed.Type)} {seedTitle}";

    public static string PopularIn(string genre) => $"popular in {genre}";

    public const string TrendingNow = "trending now";

    private static string Verb(EventType type) => type switch
    {
        EventType.Watch => "watched",
        EventType.Like => "liked",
        EventType.Rating => "rated",
        EventType.Purchase => "bought",
        EventType.AddToCart => "added to your cart",
        EventType.Click => "clicked on",
        _ => "viewed",
    };
}
