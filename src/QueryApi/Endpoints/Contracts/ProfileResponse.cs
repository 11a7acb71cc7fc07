using RecoStreams.Processors.Domain;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

public sealed record AffinityResponse(string Name, double Score);

/// <summary>A user's profile as clients see it: affinities decayed to now, best first, top-N per dimension.</summary>
public sealed record UserProfileResponse(
    string UserId,
    UserClass UserClass,
    long Interactions,
    IReadOnlyDictionary<string, long> Counts,
    DateTimeOffset? FirstEngagement,
    DateTimeOffset? LastEngagement,
    IReadOnlyList<AffinityResponse> Genres,
    IReadOnlyList<AffinityResponse> Creators,
    IReadOnlyList<AffinityResponse> Languages,
    IReadOnlyList<AffinityResponse> Tags);
