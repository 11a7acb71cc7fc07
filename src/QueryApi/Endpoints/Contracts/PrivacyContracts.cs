namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>Body of PUT /users/{userId}/consent; validated by the endpoint (a missing value is a 400 naming it).</summary>
public sealed record ConsentRequest(bool? Personalisation);

/// <summary>The consent as written; it reaches every instance within seconds.</summary>
public sealed record ConsentResponse(string UserId, bool Personalisation, DateTimeOffset UpdatedAt);
