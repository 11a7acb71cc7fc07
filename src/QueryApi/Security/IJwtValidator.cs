using System.Security.Claims;

namespace RecoStreams.QueryApi.Security;

/// <summary>Validates a compact JWS bearer token and turns its claims into a principal.</summary>
public interface IJwtValidator
{
    JwtValidationResult Validate(string token);
}

/// <summary>
/// The outcome of validating a token. <see cref="Error"/> is safe to return to the client in
/// <c>error_description</c>: it names the failed check, never key material.
/// </summary>
public sealed record JwtValidationResult
{
    private JwtValidationResult(ClaimsPrincipal? principal, string? error)
    {
        Principal = principal;
        Error = error;
    }

    public ClaimsPrincipal? Principal { get; }

    public string? Error { get; }

    public bool Succeeded => Principal is not null;

    public static JwtValidationResult Success(ClaimsPrincipal principal) => new(principal, null);

    public static JwtValidationResult Failure(string error) => new(null, error);
}
