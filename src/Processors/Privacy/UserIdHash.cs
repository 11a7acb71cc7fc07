using System.Security.Cryptography;
using System.Text;

namespace RecoStreams.Processors.Privacy;

/// <summary>
/// The keyed hash (HMAC-SHA256, lower-case hex) that stands for a user id wherever the id itself may not
/// stay: erase watermarks and audit events. Keyed so a list of guessed ids cannot be matched without the key.
/// </summary>
public sealed class UserIdHash(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public string Of(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId)));
    }
}
