using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Client;
using Xunit;

namespace RecoStreams.Avro.Tests.Registry;

/// <summary>The HTTP client against the embedded registry served over a real loopback HTTP server.</summary>
public sealed class SchemaRegistryClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private LoopbackRegistryServer _server = null!;
    private SchemaRegistryClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackRegistryServer.StartAsync();
        _client = Client(_server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private SchemaRegistryClient Client(Uri baseAddress, int maxRetries = 3, TimeSpan? timeout = null) => new(_http, new SchemaRegistryClientOptions
    {
        BaseAddress = baseAddress,
        MaxRetries = maxRetries,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task Register_returns_a_global_id_and_the_schema_reads_back_by_id_subject_and_version()
    {
        var id = await _client.RegisterAsync("users-value", RegistrySchemas.V1, Ct);

        Assert.Equal(RegistrySchemas.V1, await Client(_server.BaseAddress).GetSchemaByIdAsync(id, Ct));
        Assert.Equal(["users-value"], await _client.GetSubjectsAsync(Ct));
        Assert.Equal([1], await _client.GetVersionsAsync("users-value", Ct));
        var latest = await _client.GetVersionAsync("users-value", null, Ct);
        Assert.Equal(new RegisteredSchema("users-value", 1, id, RegistrySchemas.V1), latest);
        Assert.Equal(latest, await _client.GetVersionAsync("users-value", 1, Ct));
    }

    [Fact]
    public async Task Requests_use_the_registry_media_type_and_escape_the_subject()
    {
        await _client.RegisterAsync("a b/c", RegistrySchemas.V1, Ct);

        var line = Assert.Single(_server.RequestLines);
        Assert.StartsWith("POST /subjects/a%20b%2Fc/versions ", line, StringComparison.Ordinal);
        Assert.Contains("accept=application/vnd.schemaregistry.v1+json", line, StringComparison.Ordinal);
        Assert.Contains("type=application/vnd.schemaregistry.v1+json", line, StringComparison.Ordinal);
        Assert.Equal(["a b/c"], await _client.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task Registered_ids_and_fetched_schemas_are_cached()
    {
        var id = await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);
        await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);
        await _client.GetSchemaByIdAsync(id, Ct);
        var other = Client(_server.BaseAddress);
        await other.GetSchemaByIdAsync(id, Ct);
        await other.GetSchemaByIdAsync(id, Ct);

        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Lookup_finds_the_version_of_a_registered_schema_and_reports_missing_ones_by_code()
    {
        var id = await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);

        var found = await _client.LookupAsync("s", RegistrySchemas.V1Reformatted, Ct);
        Assert.Equal((id, 1), (found.Id, found.Version));

        var noSubject = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.LookupAsync("nope", RegistrySchemas.V1, Ct));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, noSubject.ErrorCode);
        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.LookupAsync("s", RegistrySchemas.V2AddedWithDefault, Ct));
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, noSchema.ErrorCode);
    }

    [Fact]
    public async Task Registry_errors_surface_with_their_confluent_codes()
    {
        await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);

        async Task<int> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<SchemaRegistryException>(call)).ErrorCode;

        Assert.Equal(40401, await CodeOf(() => _client.GetVersionsAsync("missing", Ct)));
        Assert.Equal(40402, await CodeOf(() => _client.GetVersionAsync("s", 7, Ct)));
        Assert.Equal(40403, await CodeOf(() => _client.GetSchemaByIdAsync(999, Ct)));
        Assert.Equal(42201, await CodeOf(() => _client.RegisterAsync("s", "{not avro", Ct)));
        Assert.Equal(409, await CodeOf(() => _client.RegisterAsync("s", RegistrySchemas.V2AddedWithoutDefault, Ct)));
    }

    [Fact]
    public async Task Compatibility_test_explains_what_breaks_under_the_subject_level()
    {
        await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);

        var ok = await _client.TestCompatibilityAsync("s", RegistrySchemas.V2AddedWithDefault, null, Ct);
        var broken = await _client.TestCompatibilityAsync("s", RegistrySchemas.V2AddedWithoutDefault, 1, Ct);

        Assert.True(ok.IsCompatible);
        Assert.Empty(ok.Messages);
        Assert.False(broken.IsCompatible);
        Assert.Contains(broken.Messages, m => m.Contains("READER_FIELD_MISSING_DEFAULT", StringComparison.Ordinal) && m.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compatibility_levels_are_set_and_read_globally_and_per_subject()
    {
        Assert.Equal(CompatibilityLevel.Backward, await _client.GetCompatibilityAsync(null, Ct));

        await _client.SetCompatibilityAsync(CompatibilityLevel.FullTransitive, null, Ct);
        await _client.SetCompatibilityAsync(CompatibilityLevel.None, "loose", Ct);

        Assert.Equal(CompatibilityLevel.FullTransitive, await _client.GetCompatibilityAsync(null, Ct));
        Assert.Equal(CompatibilityLevel.None, await _client.GetCompatibilityAsync("loose", Ct));
        Assert.Equal(CompatibilityLevel.FullTransitive, await _client.GetCompatibilityAsync("other", Ct));
        await _client.RegisterAsync("loose", RegistrySchemas.V1, Ct);
        await _client.RegisterAsync("loose", RegistrySchemas.V2AddedWithoutDefault, Ct);
        Assert.Equal([1, 2], await _client.GetVersionsAsync("loose", Ct));
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_registry_answers()
    {
        _server.FailNext(2, 503);

        var id = await _client.RegisterAsync("s", RegistrySchemas.V1, Ct);

        Assert.Equal(1, id);
        Assert.Equal(3, _server.Requests);
    }

    [Fact]
    public async Task Server_errors_beyond_the_retry_budget_surface_the_last_error()
    {
        _server.FailNext(10, 500);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => Client(_server.BaseAddress, maxRetries: 2).GetSubjectsAsync(Ct));

        Assert.Equal(50001, error.ErrorCode);
        Assert.Equal(3, _server.Requests);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetVersionsAsync("missing", Ct));

        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task An_unreachable_registry_fails_as_unavailable_after_the_retries()
    {
        var closedPort = _server.BaseAddress.Port;
        await _server.DisposeAsync();
        _server = await LoopbackRegistryServer.StartAsync();

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            Client(new Uri($"http://127.0.0.1:{closedPort}/"), maxRetries: 1).GetSubjectsAsync(Ct));

        Assert.Equal(SchemaRegistryErrorCodes.Unavailable, error.ErrorCode);
        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_stays_under_the_cap()
    {
        var random = new Random(7);
        var initial = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);

        for (var retry = 0; retry < 10; retry++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, retry), 1000);
            var delay = RetryBackoff.Delay(retry, initial, max, random).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }
}
