using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Processors.Items;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>Item-level queries over the global tables: co-visited neighbours and trending items.</summary>
public static class ItemEndpoints
{
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapItemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/items/{itemId}/similar", Similar).RequireAuthorization().WithName("GetSimilarItems");
        endpoints.MapGet("/trending", Trending).RequireAuthorization().WithName("GetTrending");
        return endpoints;
    }

    private static IResult Similar(string itemId, string? limit, IRecommendationQueries queries)
    {
        var v = new RequestValidator();
        var item = v.ItemId("itemId", itemId);
        var take = v.Limit("limit", limit, DefaultLimit);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var inputs = queries.Inputs;
        var stats = inputs.FindStats(item);
        if (stats is null && inputs.FindItem(item) is null)
        {
            return QueryResults.NotFound($"No item '{item}' is in the catalog or has engagement statistics.");
        }

        // A catalogued item nobody engaged with yet has no neighbours: an empty list, not a 404.
        var neighbours = (stats?.Neighbours ?? [])
            .Take(take)
            .Select(n => new SimilarItemResponse(n.ItemId, inputs.FindItem(n.ItemId)?.Title, n.Similarity, n.CoCount))
            .ToList();
        return QueryResults.Ok(new SimilarItemsResponse(item, neighbours));
    }

    private static IResult Trending(string? genre, string? window, string? limit, IRecommendationQueries queries, TimeProvider time)
    {
        var v = new RequestValidator();
        var take = v.Limit("limit", limit, DefaultLimit);
        var windowSize = string.IsNullOrEmpty(window) ? (TimeSpan?)null : WindowPopularity.SizeOf(v.Window("window", window, RecommendationWindow.OneHour));
        if (!string.IsNullOrEmpty(genre) && !RequestValidator.IsValidId(genre.Replace(' ', '_')))
        {
            v.Add("genre", $"must be 1 to {RequestValidator.MaxIdLength} letters, digits, spaces or '_', '.', ':', '-'");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var inputs = queries.Inputs;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var facet = string.IsNullOrEmpty(genre) ? TrendingIndex.Overall : TrendingIndex.Genre(genre);
        var ranked = windowSize is { } size
            ? WindowPopularity.Rank(inputs, facet, size, take, nowMs)
            : inputs.Trending.Top(facet, take, nowMs);
        var items = ranked.Select((e, i) => new TrendingItemResponse(i + 1, e.ItemId, inputs.FindItem(e.ItemId)?.Title, e.Popularity)).ToList();
        return QueryResults.Ok(new TrendingResponse(string.IsNullOrEmpty(genre) ? null : genre, string.IsNullOrEmpty(window) ? null : window, items));
    }
}
