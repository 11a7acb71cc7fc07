using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RecoStreams.QueryApi.Security;

/// <summary>
/// Validates compact JWS tokens signed with HS256 or RS256: structure, algorithm against the configured
/// key kind, signature, then <c>exp</c>, <c>nbf</c>, <c>iss</c> and <c>aud</c>. The payload is only parsed
/// after the signature checks out.
/// </summary>
public sealed class JwtValidator : IJwtValidator, IDisposable
{
    /// <summary>Tokens beyond this size are refused before any decoding work.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private readonly JwtOptions _options;
    private readonly TimeProvider _time;
    private readonly JwtSigningKeys _keys;

    public JwtValidator(IOptions<JwtOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _keys = new JwtSigningKeys(_options);
    }

    public JwtValidationResult Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxTokenLength)
        {
            return JwtValidationResult.Failure("The token is too large.");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return JwtValidationResult.Failure("The token is not a compact JWS of three dot-separated parts.");
        }

        if (!TryDecode(token.AsSpan(0, firstDot), out var headerBytes)
            || !TryDecode(token.AsSpan(firstDot + 1, secondDot - firstDot - 1), out var payloadBytes)
            || !TryDecode(token.AsSpan(secondDot + 1), out var signature))
        {
            return JwtValidationResult.Failure("The token is not valid base64url.");
        }

        if (!TryParseObject(headerBytes, out var header))
        {
            return JwtValidationResult.Failure("The token header is not a JSON object.");
        }

        using (header)
        {
            var signingInput = Encoding.ASCII.GetBytes(token, 0, secondDot);
            var signatureError = VerifySignature(header!.RootElement, signingInput, signature);
            if (signatureError is not null)
            {
                return JwtValidationResult.Failure(signatureError);
            }
        }

        if (!TryParseObject(payloadBytes, out var payload))
        {
            return JwtValidationResult.Failure("The token payload is not a JSON object.");
        }

        using (payload)
        {
            return ValidateClaims(payload!.RootElement);
        }
    }

    public void Dispose() => _keys.Dispose();

    private string? VerifySignature(JsonElement header, byte[] signingInput, byte[] signature)
    {
        // RFC 7515 §4.1.11: extensions we do not understand must not be silently accepted.
        if (header.TryGetProperty("crit", out _))
        {
            return "The token uses critical header extensions this server does not support.";
        }

        var alg = header.TryGetProperty("alg", out var algElement) && algElement.ValueKind == JsonValueKind.String
            ? algElement.GetString()
            : null;
        switch (alg)
        {
            case "HS256" when _keys.HasHmacKey:
                return _keys.VerifyHs256(signingInput, signature) ? null : "The token signature is invalid.";
            case "RS256" when _keys.HasRsaKeys:
                string? kid = null;
                if (header.TryGetProperty("kid", out var kidElement))
                {
                    if (kidElement.ValueKind != JsonValueKind.String)
                    {
                        return "The token's kid is not a string.";
                    }

                    kid = kidElement.GetString();
                }

                return _keys.VerifyRs256(kid, signingInput, signature) switch
                {
                    RsaVerification.Valid => null,
                    RsaVerification.UnknownKey => "The token's signing key is unknown.",
                    _ => "The token signature is invalid.",
                };
            default:
                // Covers "none", unknown algorithms, and an algorithm whose key kind is not configured.
                return "The token's signing algorithm is not accepted.";
        }
    }

    private JwtValidationResult ValidateClaims(JsonElement payload)
    {
        var now = _time.GetUtcNow();
        var skew = _options.ClockSkew;

        if (!TryReadTime(payload, JwtClaimTypes.Expires, out var expires))
        {
            return JwtValidationResult.Failure("The token's exp is not a NumericDate.");
        }

        if (expires is null && _options.RequireExpiration)
        {
            return JwtValidationResult.Failure("The token has no expiration time.");
        }

        if (expires is { } exp && now > exp + skew)
        {
            return JwtValidationResult.Failure($"The token expired at {exp.ToString("O", CultureInfo.InvariantCulture)}.");
        }

        if (!TryReadTime(payload, JwtClaimTypes.NotBefore, out var notBefore))
        {
            return JwtValidationResult.Failure("The token's nbf is not a NumericDate.");
        }

        if (notBefore is { } nbf && now + skew < nbf)
        {
            return JwtValidationResult.Failure($"The token is not valid before {nbf.ToString("O", CultureInfo.InvariantCulture)}.");
        }

        if (!string.IsNullOrEmpty(_options.Issuer)
            && !(payload.TryGetProperty(JwtClaimTypes.Issuer, out var iss) && iss.ValueKind == JsonValueKind.String
                 && iss.GetString() == _options.Issuer))
        {
            return JwtValidationResult.Failure("The token's issuer is not accepted.");
        }

        if (!string.IsNullOrEmpty(_options.Audience) && !Strings(payload, JwtClaimTypes.Audience).Contains(_options.Audience))
        {
            return JwtValidationResult.Failure("The token's audience is not accepted.");
        }

        var subject = payload.TryGetProperty(JwtClaimTypes.Subject, out var sub) && sub.ValueKind == JsonValueKind.String
            ? sub.GetString()
            : null;
        if (string.IsNullOrEmpty(subject))
        {
            return JwtValidationResult.Failure("The token has no subject.");
        }

        return JwtValidationResult.Success(ToPrincipal(payload, subject));
    }

    private ClaimsPrincipal ToPrincipal(JsonElement payload, string subject)
    {
        var issuer = string.IsNullOrEmpty(_options.Issuer) ? ClaimsIdentity.DefaultIssuer : _options.Issuer;
        var claims = new List<Claim>
        {
            new(JwtClaimTypes.Subject, subject, ClaimValueTypes.String, issuer),
            new(ClaimTypes.NameIdentifier, subject, ClaimValueTypes.String, issuer),
        };
        var roles = Strings(payload, JwtClaimTypes.Role).Concat(Strings(payload, JwtClaimTypes.Roles)).Distinct(StringComparer.Ordinal);
        claims.AddRange(roles.Select(role => new Claim(JwtClaimTypes.Role, role, ClaimValueTypes.String, issuer)));
        var identity = new ClaimsIdentity(claims, "Bearer", JwtClaimTypes.Subject, JwtClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A claim that may be a single string or an array of strings (as <c>aud</c> and <c>roles</c> are).</summary>
    private static List<string> Strings(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var element))
        {
            return [];
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToList(),
            _ => [],
        };
    }

    /// <summary>Reads a NumericDate (seconds since the epoch, possibly fractional); false when present but malformed.</summary>
    private static bool TryReadTime(JsonElement payload, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        value = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<char> part, out byte[] bytes)
    {
        bytes = [];
        // JWS uses unpadded base64url; padding or an empty header/payload is malformed.
        if (part.Contains('=') || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool TryParseObject(byte[] json, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            document = null;
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
