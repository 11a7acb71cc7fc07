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
                [.. page.Items.Select(i => new ServedItem(i.ItemId, i.Rank))],
                time.GetUtcNow().ToUnixTimeMilliseconds()));
        return page;
    }
}
