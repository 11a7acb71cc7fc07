using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.QueryApi.Security;

/// <summary>
/// Met when the route's user id equals the caller's <c>sub</c>, or the caller is an admin or has one of
/// <paramref name="otherRoles"/>.
/// </summary>
public sealed class SelfOrAdminRequirement(params string[] otherRoles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> OtherRoles { get; } = otherRoles;
}

/// <summary>Evaluates <see cref="SelfOrAdminRequirement"/> against the endpoint's route values.</summary>
public sealed class SelfOrAdminHandler : AuthorizationHandler<SelfOrAdminRequirement, HttpContext>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, SelfOrAdminRequirement requirement, HttpContext resource)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var subject = user.FindFirst(JwtClaimTypes.Subject)?.Value;
        var routeUserId = resource.GetRouteValue(RecoStreamsPolicies.UserIdRouteValue) as string;
        // Ordinal: user ids are opaque keys, so "Alice" and "alice" are different users.
        if (user.IsInRole(RecoStreamsPolicies.AdminRole)
            || requirement.OtherRoles.Any(user.IsInRole)
            || (subject is not null && routeUserId is not null && string.Equals(subject, routeUserId, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
