using System.Security.Cryptography;

namespace RecoStreams.QueryApi.Tests.Security;

/// <summary>Keys shared by the security tests; RSA generation is slow enough to do once.</summary>
internal static class TestKeys
{
    public const string HmacSecret = "0123456789abcdef0123456789abcdef-test-secret";

    public static readonly RSA Rsa1 = RSA.Create(2048);

    public static readonly RSA Rsa2 = RSA.Create(2048);

    public static string PublicPem(RSA rsa) => rsa.ExportSubjectPublicKeyInfoPem();
}
