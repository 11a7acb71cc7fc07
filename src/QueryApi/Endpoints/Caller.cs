using System.Security.Claims;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Endpoints;

/// <summary>Who is calling, for the checks a route policy cannot express (ids in the body).</summary>
internal static class Caller
{
    public static bool MayActFor(ClaimsPrincipal user, string userId) =>
        user.IsInRole(RecoStreamsPolicies.AdminRole)
        || string.Equals(user.FindFirst(JwtClaimTypes.Subject)?.Value, userId, StringComparison.Ordinal);

    /// <summary>Events may be posted by their user, an admin, or a producing service.</summary>
    public static bool MayPostEventsFor(ClaimsPrincipal user, string userId) =>
        user.IsInRole(RecoStreamsPolicies.ServiceRole) || MayActFor(user, userId);
}
