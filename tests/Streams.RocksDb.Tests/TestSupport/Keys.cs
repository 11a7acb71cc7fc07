using System.Text;

namespace RecoStreams.Streams.RocksDb.Tests.TestSupport;

internal static class Keys
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
