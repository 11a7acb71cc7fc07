using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Observability.Tracing;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RecoStreamsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Request_span_joins_the_callers_trace_and_is_named_by_route_template()
    {
        await using var host = await Start();
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/items/i-9", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{parentSpan}-01");

        await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var span = Assert.Single(_stopped, a => a.TraceId == traceId);
        Assert.Equal(parentSpan, span.ParentSpanId);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("GET /items/{itemId}", span.DisplayName);
        Assert.Equal("/items/{itemId}", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Failed_request_span_is_marked_as_error_with_the_exception_recorded()
    {
        await using var host = await Start();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fail", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        await Assert.ThrowsAnyAsync<Exception>(() => host.Client.SendAsync(request, TestContext.Current.CancellationToken));

        var span = Assert.Single(_stopped, a => a.TraceId == traceId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(500, span.GetTagItem("http.response.status_code"));
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public void Forwarded_query_span_carries_its_attributes()
    {
        using var parent = new Activity("test-root").Start();

        using (var forward = RecoStreamsTracing.StartForwardedQuery("recommendations", "10.0.0.7:8080"))
        {
            Assert.Equal(ActivityKind.Client, forward!.Kind);
            Assert.Equal("10.0.0.7:8080", forward.GetTagItem("server.address"));
        }
    }

    [Fact]
    public void Otlp_exporter_is_registered_only_when_an_endpoint_is_configured()
    {
        static ServiceProvider Build(string? endpoint)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Otlp:Endpoint"] = endpoint })
                .Build();
            return new ServiceCollection().AddRecoStreamsTracing(configuration).BuildServiceProvider();
        }

        using var without = Build(null);
        using var with = Build("http://127.0.0.1:4317");

        Assert.Null(without.GetService<TracerProvider>());
        Assert.NotNull(with.GetService<TracerProvider>());
    }

    private static Task<TestHost> Start() =>
        TestHost.StartAsync(
            _ => { },
            app =>
            {
                app.UseRecoStreamsTracing();
                app.MapGet("/items/{itemId}", (string itemId) => itemId);
                app.MapGet("/fail", IResult () => throw new InvalidOperationException("boom"));
            });
}
