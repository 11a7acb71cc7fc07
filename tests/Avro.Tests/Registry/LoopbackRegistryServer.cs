using System.Net;
using System.Net.Sockets;
using System.Text;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Http;

namespace RecoStreams.Avro.Tests.Registry;

/// <summary>
/// Serves an embedded registry's dispatcher over real HTTP on 127.0.0.1 (HttpListener, free port),
/// so the client is tested through sockets, headers and status codes. <see cref="FailNext"/>
/// makes the next requests answer a chosen status, to exercise retries.
/// </summary>
internal sealed class LoopbackRegistryServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly SchemaRegistryRequestDispatcher _dispatcher;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _failuresLeft;
    private int _failureStatus;
    private int _requests;

    private LoopbackRegistryServer(EmbeddedSchemaRegistry registry)
    {
        Registry = registry;
        _dispatcher = new SchemaRegistryRequestDispatcher(registry);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public int Requests => Volatile.Read(ref _requests);

    public List<string> RequestLines { get; } = [];

    public static async Task<LoopbackRegistryServer> StartAsync() =>
        new(await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore()));

    public void FailNext(int count, int status)
    {
        _failureStatus = status;
        Volatile.Write(ref _failuresLeft, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener aborts the pending GetContextAsync; that is the normal way out.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            Interlocked.Increment(ref _requests);
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            lock (RequestLines)
            {
                RequestLines.Add($"{context.Request.HttpMethod} {context.Request.RawUrl} accept={context.Request.Headers["Accept"]} type={context.Request.ContentType}");
            }

            RegistryHttpResponse response;
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                response = new RegistryHttpResponse(_failureStatus, $"{{\"error_code\":{_failureStatus}01,\"message\":\"injected failure\"}}");
            }
            else
            {
                response = await _dispatcher.DispatchAsync(context.Request.HttpMethod, context.Request.RawUrl ?? "/", body.Length == 0 ? null : body);
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
