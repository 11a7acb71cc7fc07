using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry.Http;

namespace RecoStreams.Avro.Registry.Client;

/// <summary>
/// <see cref="ISchemaRegistryClient"/> over Confluent's REST API. Schemas by id and ids by
/// (subject, schema) are cached, since they never change once assigned. Server errors (5xx, 429),
/// timeouts and transport failures are retried with jittered exponential backoff; client errors
/// (4xx) are not. Thread-safe; share one instance per registry.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistryClient
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptV1 = new(RegistryMediaTypes.V1Json);

    private readonly HttpClient _http;
    private readonly SchemaRegistryClientOptions _options;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly BoundedCache<int, string> _schemaById;
    private readonly BoundedCache<(string Subject, string Schema), int> _idBySubjectSchema;
    private readonly BoundedCache<(string Subject, int Version), RegisteredSchema> _byVersion;

    /// <summary>Creates a client sending requests through <paramref name="http"/> (whose own timeout should exceed <see cref="SchemaRegistryClientOptions.RequestTimeout"/>).</summary>
    public SchemaRegistryClient(HttpClient http, SchemaRegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCachedSchemas, 1);
        _http = http;
        _options = options;
        var text = options.BaseAddress.ToString();
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _authorization = options.BasicAuthUserInfo is { } userInfo
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)))
            : null;
        _schemaById = new(options.MaxCachedSchemas);
        _idBySubjectSchema = new(options.MaxCachedSchemas);
        _byVersion = new(options.MaxCachedSchemas);
    }

    /// <inheritdoc />
    public async Task<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        if (_idBySubjectSchema.TryGet((subject, schema), out var cached))
        {
            return cached;
        }

        var response = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions",
            new SchemaRequest(schema), RegistryJsonContext.Default.SchemaRequest,
            RegistryJsonContext.Default.SchemaIdResponse, cancellationToken).ConfigureAwait(false);
        _idBySubjectSchema.Set((subject, schema), response.Id);
        _schemaById.Set(response.Id, schema);
        return response.Id;
    }

    /// <inheritdoc />
    public async Task<RegisteredSchema> LookupAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        var response = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}",
            new SchemaRequest(schema), RegistryJsonContext.Default.SchemaRequest,
            RegistryJsonContext.Default.SubjectVersionResponse, cancellationToken).ConfigureAwait(false);
        _idBySubjectSchema.Set((subject, schema), response.Id);
        return ToRegistered(response);
    }

    /// <inheritdoc />
    public async Task<string> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_schemaById.TryGet(id, out var cached))
        {
            return cached;
        }

        var response = await SendAsync<SchemaRequest, SchemaStringResponse>(HttpMethod.Get, $"schemas/ids/{id}",
            null, null, RegistryJsonContext.Default.SchemaStringResponse, cancellationToken).ConfigureAwait(false);
        _schemaById.Set(id, response.Schema);
        return response.Schema;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<SchemaRequest, string[]>(HttpMethod.Get, "subjects", null, null,
            RegistryJsonContext.Default.StringArray, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return await SendAsync<SchemaRequest, int[]>(HttpMethod.Get, $"subjects/{Escape(subject)}/versions", null, null,
            RegistryJsonContext.Default.Int32Array, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RegisteredSchema> GetVersionAsync(string subject, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (version is { } v && _byVersion.TryGet((subject, v), out var cached))
        {
            return cached;
        }

        var response = await SendAsync<SchemaRequest, SubjectVersionResponse>(HttpMethod.Get,
            $"subjects/{Escape(subject)}/versions/{VersionSegment(version)}", null, null,
            RegistryJsonContext.Default.SubjectVersionResponse, cancellationToken).ConfigureAwait(false);
        var registered = ToRegistered(response);

        // "latest" moves; a numbered version never changes, so only those are cached.
        if (version is not null)
        {
            _byVersion.Set((subject, registered.Version), registered);
        }

        _schemaById.Set(registered.Id, registered.Schema);
        return registered;
    }

    /// <inheritdoc />
    public async Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        var response = await SendAsync(HttpMethod.Post,
            $"compatibility/subjects/{Escape(subject)}/versions/{VersionSegment(version)}?verbose=true",
            new SchemaRequest(schema), RegistryJsonContext.Default.SchemaRequest,
            RegistryJsonContext.Default.CompatibilityResponse, cancellationToken).ConfigureAwait(false);
        return new CompatibilityCheckResult(response.IsCompatible, response.Messages ?? []);
    }

    /// <inheritdoc />
    public async Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}?defaultToGlobal=true";
        var response = await SendAsync<SchemaRequest, ConfigGetResponse>(HttpMethod.Get, path, null, null,
            RegistryJsonContext.Default.ConfigGetResponse, cancellationToken).ConfigureAwait(false);
        return CompatibilityLevelNames.Parse(response.CompatibilityLevel);
    }

    /// <inheritdoc />
    public async Task<CompatibilityLevel> SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default)
    {
        var path = subject is null ? "config" : $"config/{Escape(subject)}";
        var response = await SendAsync(HttpMethod.Put, path,
            new ConfigUpdate(CompatibilityLevelNames.ToName(level)), RegistryJsonContext.Default.ConfigUpdate,
            RegistryJsonContext.Default.ConfigUpdate, cancellationToken).ConfigureAwait(false);
        return CompatibilityLevelNames.Parse(response.Compatibility);
    }

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private static string VersionSegment(int? version) => version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "latest";

    private static RegisteredSchema ToRegistered(SubjectVersionResponse r) => new(r.Subject, r.Version, r.Id, r.Schema);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? bodyType,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, path);
        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < _options.MaxRetries;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.RequestTimeout);
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Accept.Add(AcceptV1);
                request.Headers.Authorization = _authorization;
                if (body is not null && bodyType is not null)
                {
                    request.Content = new StringContent(JsonSerializer.Serialize(body, bodyType), Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(RegistryMediaTypes.V1Json);
                }

                using var response = await _http.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                var content = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Deserialize(content, responseType, method, path);
                }

                var error = ToException(response.StatusCode, content);
                if (!canRetry || !IsTransient(response.StatusCode))
                {
                    throw error;
                }
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (!canRetry)
                {
                    throw new SchemaRegistryException(SchemaRegistryErrorCodes.Unavailable,
                        $"{method} {uri} failed after {attempt + 1} attempts: {e.Message}", e);
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (!canRetry)
                {
                    throw new SchemaRegistryException(SchemaRegistryErrorCodes.Unavailable,
                        $"{method} {uri} timed out after {attempt + 1} attempts of {_options.RequestTimeout.TotalSeconds:0.###} s", e);
                }
            }

            var delay = RetryBackoff.Delay(attempt, _options.InitialBackoff, _options.MaxBackoff, Random.Shared);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private static TResponse Deserialize<TResponse>(string content, JsonTypeInfo<TResponse> type, HttpMethod method, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type)
                ?? throw new SchemaRegistryException(SchemaRegistryErrorCodes.InternalServerError, $"{method} /{path} returned an empty body");
        }
        catch (JsonException e)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InternalServerError, $"{method} /{path} returned a body that is not the expected JSON: {e.Message}", e);
        }
    }

    private static SchemaRegistryException ToException(HttpStatusCode status, string content)
    {
        try
        {
            if (JsonSerializer.Deserialize(content, RegistryJsonContext.Default.ErrorResponse) is { ErrorCode: > 0 } error)
            {
                return new SchemaRegistryException(error.ErrorCode, error.Message ?? status.ToString());
            }
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; fall through to the status.
        }

        var snippet = content.Length > 200 ? content[..200] + "…" : content;
        return new SchemaRegistryException((int)status, string.IsNullOrWhiteSpace(snippet) ? status.ToString() : snippet);
    }
}
