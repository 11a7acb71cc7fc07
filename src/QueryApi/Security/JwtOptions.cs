namespace RecoStreams.QueryApi.Security;

/// <summary>How bearer tokens are validated; bound from the "Jwt" configuration section.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>Required <c>iss</c> value; not checked when empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>Required member of <c>aud</c>; not checked when empty.</summary>
    public string? Audience { get; set; }

    /// <summary>HS256 shared secret (UTF-8, at least 32 bytes). HS256 tokens are refused when unset.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>
    /// RS256 public keys in PEM, by key id (the token's <c>kid</c>). RS256 tokens are refused when empty.
    /// A token without <c>kid</c> is tried against every key.
    /// </summary>
    public Dictionary<string, string> RsaPublicKeysPem { get; } = new(StringComparer.Ordinal);

    /// <summary>Tolerance for clock differences when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refuse tokens without <c>exp</c>: a token that never expires cannot be revoked.</summary>
    public bool RequireExpiration { get; set; } = true;
}
