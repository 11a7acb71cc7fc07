using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RecoStreams.QueryApi.Observability;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Http;

/// <summary>Chooses each request's rate-limit partition and answers rejected requests.</summary>
public static class RateLimitPartitions
{
    /// <summary>
    /// The caller's key: <c>user:{sub}</c> when authenticated, else <c>ip:{address}</c>. Behind a reverse
    /// proxy the address is the proxy's unless forwarded headers are processed earlier in the pipeline.
    /// </summary>
    public static string PartitionKey(HttpContext context)
    {
        var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(JwtClaimTypes.Subject)?.Value : null;
        return subject is not null
            ? "user:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public static RateLimitPartition<string> For(HttpContext context, RateLimitOptions options) =>
        RateLimitPartition.GetSlidingWindowLimiter(PartitionKey(context), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            SegmentsPerWindow = options.SegmentsPerWindow,
            // Queuing would hold connections open for up to a window; rejecting tells clients when to return.
            QueueLimit = 0,
            // The partitioned limiter replenishes all partitions from one timer instead of one timer each.
            AutoReplenishment = false,
        });

    /// <summary>Writes the 429 problem with <c>Retry-After</c> in seconds.</summary>
    public static async ValueTask OnRejected(OnRejectedContext rejected, RateLimitOptions options, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        (http.RequestServices.GetService(typeof(RecoStreamsMetrics)) as RecoStreamsMetrics)?.RecordRateLimited();
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : options.Segment;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        RetryAfter.Set(http.Response, retryAfter);
        var problems = http.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var detail = string.Create(
            CultureInfo.InvariantCulture, $"At most {options.PermitLimit} requests per {options.Window.TotalSeconds:0.###} s are allowed.");
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = detail },
        }))
        {
            await http.Response.WriteAsync(detail, cancellationToken);
        }
    }
}
