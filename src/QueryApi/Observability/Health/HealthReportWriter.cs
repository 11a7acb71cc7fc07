using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoStreams.QueryApi.Observability.Health;

/// <summary>
/// Writes a health report as JSON: overall status, then each check's status, description and duration.
/// A check that threw shows a fixed description: exception messages stay in the logs, since the
/// endpoint is anonymous.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 3),
            checks = report.Entries
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Exception is null ? e.Value.Description : "The check failed; see the logs.",
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 3),
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
