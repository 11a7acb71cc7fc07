using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Http;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Http;

public sealed class UnhandledExceptionHandlerTests
{
    [Fact]
    public async Task Cancellation_by_an_aborted_client_is_neither_a_500_nor_an_error_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddProblemDetails()
            .BuildServiceProvider();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };
        var handler = ActivatorUtilities.CreateInstance<UnhandledExceptionHandler>(services);

        var handled = await handler.TryHandleAsync(context, new OperationCanceledException(aborted.Token), TestContext.Current.CancellationToken);

        Assert.True(handled);
        Assert.Equal(UnhandledExceptionHandler.ClientClosedRequest, context.Response.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Cancellation_while_the_client_is_still_waiting_is_a_logged_500()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddProblemDetails()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<UnhandledExceptionHandler>(services);

        await handler.TryHandleAsync(context, new OperationCanceledException(), TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error);
    }
}
