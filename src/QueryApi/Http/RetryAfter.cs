using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RecoStreams.QueryApi.Http;

/// <summary>Writes the <c>Retry-After</c> header in delay-seconds form (RFC 9110 §10.2.3).</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan delay)
    {
        // Round up: telling a client to come back before the limit resets only earns it another rejection.
        var seconds = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
