using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Processors.Privacy;
using RecoStreams.QueryApi.Endpoints.Contracts;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Privacy;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>
/// DELETE /users/{userId} (erase) and PUT /users/{userId}/consent. Neither is forwarded to the owning
/// instance: both are records on user-keyed topics, so the task that owns the user carries the erase out
/// whichever instance took the call, and a move of the partition in between cannot lose it (docs/privacy.md).
/// </summary>
public static class PrivacyEndpoints
{
    /// <summary>A consent body is one boolean.</summary>
    public const int MaxConsentBytes = 1024;

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/users/{userId}", Erase)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrPrivacy)
            .WithName("EraseUser");
        endpoints.MapPut("/users/{userId}/consent", PutConsent)
            .RequireAuthorization(RecoStreamsPolicies.SelfOrPrivacy)
            .WithName("PutUserConsent");
        return endpoints;
    }

    private static async Task<IResult> Erase(string userId, IPrivacyPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        await publisher.PublishEraseAsync(new EraseRequest(user, ErasureReason.Request, time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
        return QueryResults.Accepted(new AcceptedResponse("erase requested", 1));
    }

    private static async Task<IResult> PutConsent(
        string userId, HttpContext http, IPrivacyPublisher publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await QueryResults.ReadBody<ConsentRequest>(http.Request, MaxConsentBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var v = new RequestValidator();
        var user = v.UserId("userId", userId);
        if (body!.Personalisation is null)
        {
            v.Add("personalisation", "is required (true or false)");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var now = time.GetUtcNow();
        var consent = new ConsentRecord(user, body.Personalisation!.Value, now.ToUnixTimeMilliseconds());
        await publisher.PublishConsentAsync(consent, cancellationToken);
        if (!consent.Personalisation)
        {
            // No profile may be kept without consent: the owner task removes what was built so far.
            await publisher.PublishEraseAsync(new EraseRequest(user, ErasureReason.ConsentWithdrawn, consent.UpdatedAtMs), cancellationToken);
        }

        return QueryResults.Accepted(new ConsentResponse(user, consent.Personalisation, now));
    }
}
