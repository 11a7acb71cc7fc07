using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Http;

namespace RecoStreams.QueryApi.Embedded;

/// <summary>
/// Serves the embedded schema registry's Confluent REST API subset under a path prefix, so stock
/// tools and deserializers can be pointed at http://host:port/schema-registry. Reads are anonymous
/// (stock deserializers fetch schemas by id without credentials); changes need the admin role.
/// </summary>
public static class EmbeddedRegistryEndpoints
{
    public const string Prefix = "/schema-registry";

    public static IEndpointRouteBuilder MapEmbeddedSchemaRegistry(this IEndpointRouteBuilder endpoints, EmbeddedSchemaRegistry registry)
    {
        var dispatcher = new SchemaRegistryRequestDispatcher(registry);
        RequestDelegate handle = async http =>
        {
            string? body = null;
            if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
            {
                using var reader = new StreamReader(http.Request.Body);
                body = await reader.ReadToEndAsync(http.RequestAborted);
            }

            var path = http.Request.Path.Value![Prefix.Length..] + http.Request.QueryString.Value;
            var response = await dispatcher.DispatchAsync(http.Request.Method, path, body, http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            http.Response.ContentType = response.ContentType;
            await http.Response.WriteAsync(response.Body, http.RequestAborted);
        };
        endpoints.MapMethods(Prefix + "/{**path}", [HttpMethods.Get], handle).AllowAnonymous();
        endpoints.MapMethods(Prefix + "/{**path}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete], handle)
            .RequireAuthorization(Security.RecoStreamsPolicies.Admin);
        return endpoints;
    }
}
