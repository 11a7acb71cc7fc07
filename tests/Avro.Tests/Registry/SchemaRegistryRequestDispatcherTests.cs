using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Http;
using Xunit;

namespace RecoStreams.Avro.Tests.Registry;

public sealed class SchemaRegistryRequestDispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SchemaRegistryRequestDispatcher> Dispatcher() =>
        new(await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), Ct));

    private static string Body(string schema) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["schema"] = schema });

    [Fact]
    public async Task Register_answers_the_id_as_confluent_json()
    {
        var dispatcher = await Dispatcher();

        var response = await dispatcher.DispatchAsync("POST", "/subjects/s-value/versions", Body(RegistrySchemas.V1), Ct);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"id":1}""", response.Body);
        Assert.Equal("application/vnd.schemaregistry.v1+json", response.ContentType);
    }

    [Fact]
    public async Task Errors_answer_with_the_http_status_and_an_error_code_body()
    {
        var dispatcher = await Dispatcher();

        var response = await dispatcher.DispatchAsync("GET", "/subjects/missing/versions", null, Ct);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("""{"error_code":40401,"message":"Subject \u0027missing\u0027 not found."}""", response.Body);
    }

    [Theory]
    [InlineData("GET", "/nothing", 404, 404)]
    [InlineData("PATCH", "/subjects", 405, 405)]
    [InlineData("GET", "/subjects/s/versions/abc", 422, 42202)]
    [InlineData("GET", "/config/s", 404, 40408)]
    [InlineData("PUT", "/config", 422, 42203)]
    [InlineData("POST", "/subjects/s/versions", 422, 422)]
    public async Task Malformed_requests_map_to_confluent_codes(string method, string path, int status, int code)
    {
        var dispatcher = await Dispatcher();

        var response = await dispatcher.DispatchAsync(method, path, method == "PUT" ? """{"compatibility":"SIDEWAYS"}""" : method == "POST" ? "{oops" : null, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"\"error_code\":{code},", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subject_config_falls_back_to_global_only_when_asked()
    {
        var dispatcher = await Dispatcher();
        await dispatcher.DispatchAsync("PUT", "/config", """{"compatibility":"FULL"}""", Ct);

        var fallback = await dispatcher.DispatchAsync("GET", "/config/s?defaultToGlobal=true", null, Ct);

        Assert.Equal("""{"compatibilityLevel":"FULL"}""", fallback.Body);
    }

    [Fact]
    public async Task Non_avro_schema_types_are_refused()
    {
        var dispatcher = await Dispatcher();

        var response = await dispatcher.DispatchAsync("POST", "/subjects/s/versions", """{"schema":"{}","schemaType":"PROTOBUF"}""", Ct);

        Assert.Equal(422, response.StatusCode);
        Assert.Contains("PROTOBUF", response.Body, StringComparison.Ordinal);
    }
}
