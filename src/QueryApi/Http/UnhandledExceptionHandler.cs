using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Observability.Logging;

namespace RecoStreams.QueryApi.Http;

/// <summary>
/// Turns exceptions into problem details. Unexpected exceptions become a bare 500: the message and stack
/// trace go to the log only, because they can reveal internals (paths, SQL, keys) to callers.
/// </summary>
public sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Non-standard (nginx) status for a request the client abandoned; nobody reads the response.</summary>
    public const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Paths name users (/recommendations/alice): only their first segment is logged.
        var path = RequestPathRedactingScopeProvider.RedactPath(httpContext.Request.Path.Value ?? string.Empty);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: not a server fault, so neither an error log nor a 500 in the metrics.
            LogAborted(logger, path);
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        int status;
        string detail;
        switch (exception)
        {
            case ServiceUnavailableException unavailable:
                status = StatusCodes.Status503ServiceUnavailable;
                detail = unavailable.Message;
                RetryAfter.Set(httpContext.Response, unavailable.RetryAfter);
                LogUnavailable(logger, path, unavailable.Message);
                break;
            case BadHttpRequestException bad:
                // Raised by the server for malformed requests (bad body, too large); the status says what.
                status = bad.StatusCode;
                detail = "The request could not be read.";
                LogBadRequest(logger, bad, path);
                break;
            default:
                status = StatusCodes.Status500InternalServerError;
                detail = "An unexpected error occurred. Quote the traceId when reporting it.";
                LogUnhandled(logger, exception, httpContext.Request.Method, path);
                break;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bad request to {Path}")]
    private static partial void LogBadRequest(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client aborted {Path}")]
    private static partial void LogAborted(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unavailable for {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);
}
