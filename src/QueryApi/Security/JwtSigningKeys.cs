using System.Security.Cryptography;
using System.Text;

namespace RecoStreams.QueryApi.Security;

/// <summary>
/// The verification keys, loaded once from <see cref="JwtOptions"/>. Each algorithm has its own key kind,
/// so an HS256 token can never be checked against RSA public key bytes (the algorithm-confusion attack).
/// </summary>
internal sealed class JwtSigningKeys : IDisposable
{
    private readonly byte[]? _hmacSecret;
    private readonly Dictionary<string, RSA> _rsaKeys = new(StringComparer.Ordinal);

    public JwtSigningKeys(JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.HmacSecret))
        {
            _hmacSecret = Encoding.UTF8.GetBytes(options.HmacSecret);
        }

        foreach (var (kid, pem) in options.RsaPublicKeysPem)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            _rsaKeys.Add(kid, rsa);
        }
    }

    public bool HasHmacKey => _hmacSecret is not null;

    public bool HasRsaKeys => _rsaKeys.Count > 0;

    public bool VerifyHs256(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (_hmacSecret is null)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_hmacSecret, signingInput, expected);
        // Constant time, so response timing does not reveal how many leading bytes of a forgery matched.
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    /// <summary>Verifies against the key named by <paramref name="kid"/>, or every key when the token has none.</summary>
    public RsaVerification VerifyRs256(string? kid, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (kid is not null)
        {
            if (!_rsaKeys.TryGetValue(kid, out var key))
            {
                return RsaVerification.UnknownKey;
            }

            return Verify(key, signingInput, signature) ? RsaVerification.Valid : RsaVerification.Invalid;
        }

        foreach (var key in _rsaKeys.Values)
        {
            if (Verify(key, signingInput, signature))
            {
                return RsaVerification.Valid;
            }
        }

        return RsaVerification.Invalid;
    }

    public void Dispose()
    {
        foreach (var key in _rsaKeys.Values)
        {
            key.Dispose();
        }
    }

    // Verification with a public key never mutates the RSA instance, so one instance serves all threads.
    private static bool Verify(RSA key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}

internal enum RsaVerification
{
    Valid,
    Invalid,
    UnknownKey,
}
