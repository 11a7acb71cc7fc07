using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RecoStreams.QueryApi.Security;

/// <summary>Fails start-up on keys that would make every token invalid or the signature weak.</summary>
public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public const int MinHmacSecretBytes = 32;
    public const int MinRsaKeyBits = 2048;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.HmacSecret) && options.RsaPublicKeysPem.Count == 0)
        {
            failures.Add("Jwt: configure HmacSecret or at least one RsaPublicKeysPem entry.");
        }

        if (!string.IsNullOrEmpty(options.HmacSecret) && Encoding.UTF8.GetByteCount(options.HmacSecret) < MinHmacSecretBytes)
        {
            failures.Add($"Jwt:HmacSecret must be at least {MinHmacSecretBytes} bytes.");
        }

        foreach (var (kid, pem) in options.RsaPublicKeysPem)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                if (rsa.KeySize < MinRsaKeyBits)
                {
                    failures.Add($"Jwt:RsaPublicKeysPem:{kid} is {rsa.KeySize} bits; at least {MinRsaKeyBits} are required.");
                }
            }
            catch (ArgumentException)
            {
                failures.Add($"Jwt:RsaPublicKeysPem:{kid} is not a PEM-encoded RSA key.");
            }
            catch (CryptographicException)
            {
                failures.Add($"Jwt:RsaPublicKeysPem:{kid} is not a valid RSA key.");
            }
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Jwt:ClockSkew must be between 0 and 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
