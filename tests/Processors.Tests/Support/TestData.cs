using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Tests.Support;

/// <summary>Small builders for hand-made scenarios.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static EngagementEvent Event(
        string user, string item, EventType type = EventType.View, DateTimeOffset? at = null, double? rating = null, string? id = null) =>
        new(id ?? $"{user}-{item}-{type}-{(at ?? T0).ToUnixTimeMilliseconds()}", user, item, type, at ?? T0, rating);

    public static CatalogItem Item(
        string id, string[]? genres = null, string[]? creators = null, bool available = true, string? language = null, string[]? tags = null) =>
        new(id, "Title " + id, genres ?? [], creators ?? [], language, tags ?? [], null, available, T0);
}
