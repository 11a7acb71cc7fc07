using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>
/// After authentication, puts the caller's hashed user id into the logging scope of everything the request
/// logs and onto its span, so user activity is traceable without user ids in the logs.
/// </summary>
public sealed class UserLogScopeMiddleware(RequestDelegate next, UserIdHasher hasher, ILogger<UserLogScopeMiddleware> logger)
{
    public const string ScopeKey = "UserHash";

    public async Task InvokeAsync(HttpContext context)
    {
        var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(JwtClaimTypes.Subject)?.Value : null;
        if (subject is null)
        {
            await next(context);
            return;
        }

        var hash = hasher.Hash(subject);
        Activity.Current?.SetTag("enduser.pseudo.id", hash);
        using (logger.BeginScope(new Dictionary<string, object> { [ScopeKey] = hash }))
        {
            await next(context);
        }
    }
}
