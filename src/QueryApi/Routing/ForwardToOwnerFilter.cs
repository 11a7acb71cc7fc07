using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RecoStreams.QueryApi.Routing;

/// <summary>
/// On an endpoint reading one user's state (route value <c>userId</c>): answers locally when this instance
/// hosts the user, or when it does not know who does (the local query then says 503); otherwise returns
/// the owner's answer. Runs after authentication and authorization, so nothing unauthorized is forwarded.
/// </summary>
public sealed class ForwardToOwnerFilter(string store) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (OwnerForwarder.IsForwarded(http.Request) || http.Request.RouteValues["userId"] is not string userId)
        {
            return await next(context);
        }

        if (http.RequestServices.GetRequiredService<IUserLocator>().RemoteOwner(userId) is not { } owner)
        {
            return await next(context);
        }

        return await http.RequestServices.GetRequiredService<OwnerForwarder>()
            .ForwardAsync(http.Request, owner, store, body: null, http.RequestAborted);
    }
}
