using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.Hosting.Http;
using RecoStreams.QueryApi.Http;
using RecoStreams.Tests.Shared;
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

    [Fact]
    public async Task A_503_is_logged_with_the_path_cut_to_its_first_segment_so_no_user_id_is_logged()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddProblemDetails()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/recommendations/alice-4f2";
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<UnhandledExceptionHandler>(services);

        await handler.TryHandleAsync(context, new ServiceUnavailableException("Partition 3 is rebalancing.", TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("/recommendations/…", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-4f2", entry.Message, StringComparison.Ordinal);
    }
}
