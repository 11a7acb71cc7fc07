using System.Globalization;

namespace RecoStreams.Streams.RocksDb.Tests.Memory;

/// <summary>The process's resident set size, from /proc/self/status (Linux only).</summary>
internal static class ResidentMemory
{
    public static bool IsAvailable => File.Exists("/proc/self/status");

    public static long ReadBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("/proc/self/status has no VmRSS line.");
    }
}
