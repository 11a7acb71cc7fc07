using System.Reflection;
using System.Runtime.InteropServices;

namespace RecoStreams.Streams.Kafka.Native;

/// <summary>
/// Points Confluent.Kafka at Debian's librdkafka. The librdkafka.redist package (which would ship the
/// native library next to the assembly) is not available, and <c>Confluent.Kafka.Library.Load</c> needs
/// libdl.so, which Debian 12 lacks; a DllImport resolver on the Confluent assembly avoids both.
/// </summary>
public static class LibrdkafkaLoader
{
    /// <summary>The so-name of librdkafka 2.x on Debian (package librdkafka1).</summary>
    public const string LibraryName = "librdkafka.so.1";

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the resolver once per process; safe to call from any thread, any number of times.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // The host registered its own resolver for Confluent.Kafka first; it wins, and is fine.
            }

            _registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "librdkafka" ? NativeLibrary.Load(LibraryName) : IntPtr.Zero;
}
