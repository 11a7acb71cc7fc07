using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>
/// Pseudonymises user ids for logs and traces: a keyed HMAC-SHA256, truncated to 96 bits. Without the key
/// a hash cannot be reversed by hashing candidate ids, yet equal ids give equal hashes, so one user's
/// requests can still be followed through the logs.
/// </summary>
public sealed partial class UserIdHasher
{
    /// <summary>Bytes of the HMAC kept: 96 bits make accidental collisions negligible at any realistic user count.</summary>
    public const int HashBytes = 12;

    private readonly byte[] _key;

    public UserIdHasher(IOptions<UserIdHashingOptions> options, ILogger<UserIdHasher> logger)
    {
        var key = options.Value.Key;
        if (string.IsNullOrEmpty(key))
        {
            _key = RandomNumberGenerator.GetBytes(UserIdHashingOptions.MinKeyBytes);
            LogEphemeralKey(logger);
        }
        else
        {
            _key = Encoding.UTF8.GetBytes(key);
        }
    }

    /// <summary>24 lowercase hex characters.</summary>
    public string Hash(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId), mac);
        return Convert.ToHexStringLower(mac[..HashBytes]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "UserIdHashing:Key is not configured; user id hashes are only comparable within this process.")]
    private static partial void LogEphemeralKey(ILogger logger);
}
