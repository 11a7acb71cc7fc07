using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RecoStreams.QueryApi.Security;

/// <summary>What to put in an issued token.</summary>
public sealed record JwtTokenRequest(string Subject)
{
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    /// <summary>Defaults to now (from the issuer's clock).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    public DateTimeOffset? NotBefore { get; init; }
}

/// <summary>
/// Issues HS256 or RS256 tokens for tests and the embedded demo. Production tokens come from an identity
/// provider; this issuer exists so the demo and tests exercise the same validation path.
/// </summary>
public sealed class JwtTokenIssuer
{
    private readonly string _algorithm;
    private readonly string? _keyId;
    private readonly Func<byte[], byte[]> _sign;
    private readonly TimeProvider _time;

    private JwtTokenIssuer(string algorithm, string? keyId, Func<byte[], byte[]> sign, TimeProvider? time)
    {
        _algorithm = algorithm;
        _keyId = keyId;
        _sign = sign;
        _time = time ?? TimeProvider.System;
    }

    public static JwtTokenIssuer Hs256(string secret, TimeProvider? time = null)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return new JwtTokenIssuer("HS256", null, data => HMACSHA256.HashData(key, data), time);
    }

    /// <param name="privateKey">The signing key; the caller keeps ownership.</param>
    /// <param name="keyId">Written as <c>kid</c> so validators with several keys pick the right one.</param>
    /// <param name="time">Clock for <c>iat</c>/<c>exp</c>; the system clock when null.</param>
    public static JwtTokenIssuer Rs256(RSA privateKey, string? keyId, TimeProvider? time = null) =>
        new("RS256", keyId, data => privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), time);

    public string Issue(JwtTokenRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Subject);
        var issuedAt = request.IssuedAt ?? _time.GetUtcNow();

        var header = new Dictionary<string, object> { ["alg"] = _algorithm, ["typ"] = "JWT" };
        if (_keyId is not null)
        {
            header["kid"] = _keyId;
        }

        var payload = new Dictionary<string, object>
        {
            [JwtClaimTypes.Subject] = request.Subject,
            [JwtClaimTypes.IssuedAt] = issuedAt.ToUnixTimeSeconds(),
            [JwtClaimTypes.Expires] = (issuedAt + request.Lifetime).ToUnixTimeSeconds(),
        };
        if (request.NotBefore is { } notBefore)
        {
            payload[JwtClaimTypes.NotBefore] = notBefore.ToUnixTimeSeconds();
        }

        if (request.Issuer is not null)
        {
            payload[JwtClaimTypes.Issuer] = request.Issuer;
        }

        if (request.Audience is not null)
        {
            payload[JwtClaimTypes.Audience] = request.Audience;
        }

        if (request.Roles.Count > 0)
        {
            payload[JwtClaimTypes.Roles] = request.Roles;
        }

        var signingInput = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        return signingInput + "." + Encode(_sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
