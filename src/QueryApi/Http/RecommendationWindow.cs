namespace RecoStreams.QueryApi.Http;

/// <summary>The popularity windows a query may ask for (the <c>window</c> parameter: <c>1h</c> or <c>24h</c>).</summary>
public enum RecommendationWindow
{
    OneHour,
    TwentyFourHours,
}
