namespace RecoStreams.QueryApi.Security;

/// <summary>Registered and conventional JWT claim names this API reads.</summary>
public static class JwtClaimTypes
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Roles = "roles";
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string Expires = "exp";
    public const string NotBefore = "nbf";
    public const string IssuedAt = "iat";
}
