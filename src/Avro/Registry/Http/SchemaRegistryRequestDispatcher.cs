using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoStreams.Avro.Registry.Embedded;

namespace RecoStreams.Avro.Registry.Http;

/// <summary>An HTTP response of the registry API: status, JSON body and its content type.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">JSON body.</param>
public sealed record RegistryHttpResponse(int StatusCode, string Body)
{
    /// <summary>Content type of every response.</summary>
    public string ContentType => RegistryMediaTypes.V1Json;
}

/// <summary>
/// Maps Confluent's Schema Registry REST API onto an <see cref="EmbeddedSchemaRegistry"/> without
/// depending on any web framework: method + path + body in, status + JSON out. A host mounts it with
/// one catch-all route (for example ASP.NET Core's <c>app.Map("/{**path}", ...)</c>).
/// </summary>
public sealed class SchemaRegistryRequestDispatcher(EmbeddedSchemaRegistry registry)
{
    private readonly EmbeddedSchemaRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Handles one request. <paramref name="pathAndQuery"/> is the raw, still-escaped path with optional query.</summary>
    public async Task<RegistryHttpResponse> DispatchAsync(string method, string pathAndQuery, string? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : pathAndQuery[(queryStart + 1)..];
        var segments = (queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart])
            .Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();
        try
        {
            return await RouteAsync(method.ToUpperInvariant(), segments, query, body, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaRegistryException e)
        {
            return Error(e.ErrorCode, e.RegistryMessage);
        }
        catch (JsonException e)
        {
            return Error(SchemaRegistryErrorCodes.UnprocessableEntity, $"Unrecognized request body: {e.Message}");
        }
    }

    private async Task<RegistryHttpResponse> RouteAsync(string method, string[] path, string query, string? body, CancellationToken ct)
    {
        switch (method, path)
        {
            case ("GET", ["subjects"]):
                return Ok([.. await _registry.GetSubjectsAsync(ct).ConfigureAwait(false)], RegistryJsonContext.Default.StringArray);
            case ("GET", ["schemas", "ids", var id]):
                return Ok(new SchemaStringResponse(await _registry.GetSchemaByIdAsync(ParseId(id), ct).ConfigureAwait(false)),
                    RegistryJsonContext.Default.SchemaStringResponse);
            case ("POST", ["subjects", var subject, "versions"]):
                return Ok(new SchemaIdResponse(await _registry.RegisterAsync(subject, SchemaOf(body), ct).ConfigureAwait(false)),
                    RegistryJsonContext.Default.SchemaIdResponse);
            case ("GET", ["subjects", var subject, "versions"]):
                return Ok([.. await _registry.GetVersionsAsync(subject, ct).ConfigureAwait(false)], RegistryJsonContext.Default.Int32Array);
            case ("GET", ["subjects", var subject, "versions", var version]):
                return Ok(ToResponse(await _registry.GetVersionAsync(subject, ParseVersion(version), ct).ConfigureAwait(false)),
                    RegistryJsonContext.Default.SubjectVersionResponse);
            case ("POST", ["subjects", var subject]):
                return Ok(ToResponse(await _registry.LookupAsync(subject, SchemaOf(body), ct).ConfigureAwait(false)),
                    RegistryJsonContext.Default.SubjectVersionResponse);
            case ("DELETE", ["subjects", var subject]):
                return Ok([.. await _registry.DeleteSubjectAsync(subject, ct).ConfigureAwait(false)], RegistryJsonContext.Default.Int32Array);
            case ("POST", ["compatibility", "subjects", var subject, "versions", var version]):
                var result = await _registry.TestCompatibilityAsync(subject, SchemaOf(body), ParseVersion(version), ct).ConfigureAwait(false);
                var verbose = HasFlag(query, "verbose");
                return Ok(new CompatibilityResponse(result.IsCompatible, verbose ? result.Messages : null), RegistryJsonContext.Default.CompatibilityResponse);
            case ("GET", ["config"]):
                return Ok(new ConfigGetResponse(CompatibilityLevelNames.ToName(await _registry.GetCompatibilityAsync(null, ct).ConfigureAwait(false))),
                    RegistryJsonContext.Default.ConfigGetResponse);
            case ("GET", ["config", var subject]):
                return await GetSubjectConfigAsync(subject, HasFlag(query, "defaultToGlobal"), ct).ConfigureAwait(false);
            case ("PUT", ["config"]):
                return Ok(await SetConfigAsync(null, body, ct).ConfigureAwait(false), RegistryJsonContext.Default.ConfigUpdate);
            case ("PUT", ["config", var subject]):
                return Ok(await SetConfigAsync(subject, body, ct).ConfigureAwait(false), RegistryJsonContext.Default.ConfigUpdate);
            default:
                return IsKnownPath(path)
                    ? Error(SchemaRegistryErrorCodes.MethodNotAllowed, $"HTTP {method} is not supported on /{string.Join('/', path)}")
                    : Error(SchemaRegistryErrorCodes.NotFound, $"HTTP 404 Not Found: /{string.Join('/', path)}");
        }
    }

    private async Task<RegistryHttpResponse> GetSubjectConfigAsync(string subject, bool defaultToGlobal, CancellationToken ct)
    {
        var own = _registry.GetSubjectCompatibilityOverride(subject);
        if (own is null && !defaultToGlobal)
        {
            return Error(SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured,
                $"Subject '{subject}' does not have subject-level compatibility configured");
        }

        var level = own ?? await _registry.GetCompatibilityAsync(null, ct).ConfigureAwait(false);
        return Ok(new ConfigGetResponse(CompatibilityLevelNames.ToName(level)), RegistryJsonContext.Default.ConfigGetResponse);
    }

    private async Task<ConfigUpdate> SetConfigAsync(string? subject, string? body, CancellationToken ct)
    {
        var update = JsonSerializer.Deserialize(body ?? "", RegistryJsonContext.Default.ConfigUpdate);
        var level = CompatibilityLevelNames.Parse(update?.Compatibility);
        return new ConfigUpdate(CompatibilityLevelNames.ToName(await _registry.SetCompatibilityAsync(level, subject, ct).ConfigureAwait(false)));
    }

    private static string SchemaOf(string? body)
    {
        var request = JsonSerializer.Deserialize(body ?? "", RegistryJsonContext.Default.SchemaRequest);
        if (request?.SchemaType is { } type && !string.Equals(type, "AVRO", StringComparison.OrdinalIgnoreCase))
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidSchema, $"Schema type {type} is not supported; this registry holds Avro schemas only");
        }

        return request?.Schema ?? throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidSchema, "Empty schema");
    }

    private static int ParseId(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
            : throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {text} not found");

    private static int? ParseVersion(string text)
    {
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase) || text == "-1")
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidVersion,
                $"The specified version '{text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static bool HasFlag(string query, string name) =>
        query.Split('&').Any(p => string.Equals(p, name + "=true", StringComparison.OrdinalIgnoreCase));

    private static bool IsKnownPath(string[] path) => path is ["subjects", ..] or ["schemas", "ids", _] or ["config", ..] or ["compatibility", ..];

    private static SubjectVersionResponse ToResponse(RegisteredSchema s) => new(s.Subject, s.Version, s.Id, s.Schema);

    private static RegistryHttpResponse Ok<T>(T body, JsonTypeInfo<T> type) => new(200, JsonSerializer.Serialize(body, type));

    private static RegistryHttpResponse Error(int errorCode, string message) =>
        new(SchemaRegistryErrorCodes.HttpStatusOf(errorCode), JsonSerializer.Serialize(new ErrorResponse(errorCode, message), RegistryJsonContext.Default.ErrorResponse));
}
