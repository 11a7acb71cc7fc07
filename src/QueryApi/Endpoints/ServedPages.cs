using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Queries;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// Turns a served list into the page the client sees and its exposure: a new request id (marked when the list is
/// outside any experiment, see <see cref="RequestIds"/>), the user's experiment, variant and model version, and the
/// items shown at their positions, queued for recommendation-served (only queued here: <see cref="ExposureWriter"/>
/// serialises and produces it).
/// </summary>
internal static class ServedPages
{
    public static RecommendationsResponse PageAndExpose(
        ServedList served,
        int offset,
        int limit,
        Func<string, string?> titleOf,
        IExperimentEvents events,
        TimeProvider time)
    {
        var requestId = RequestIds.New(inExperiment: served.Assignment is not null);
        var variant = served.Assignment?.Variant;
        var page = RecommendationsResponse.Page(served.List, served.ColdStart, offset, limit, titleOf) with
        {
            RequestId = requestId,
            ExperimentId = served.Assignment?.ExperimentId,
            Variant = variant?.Name,
        };
        events.QueueExposure(
            new Exposure(
                requestId,
                page.UserId,
                page.ExperimentId,
                page.Variant,
                page.ModelVersion,
                page.Algorithm,
                ServedItems(page),
                time.GetUtcNow().ToUnixTimeMilliseconds()));
        return page;
    }

    private static ServedItem[] ServedItems(RecommendationsResponse page)
    {
        var items = new ServedItem[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ServedItem(page.Items[i].ItemId, page.Items[i].Rank);
        }

        return items;
    }
}
