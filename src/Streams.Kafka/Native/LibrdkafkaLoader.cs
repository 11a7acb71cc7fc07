using System.Reflection;
using System.Runtime.InteropServices;
using RecoStreams.Streams.Native;

namespace RecoStreams.Streams.Kafka.Native;

/// <summary>
/// Binds Confluent.Kafka and the mock cluster's own P/Invoke to one librdkafka from the librdkafka.redist
/// package. On Linux the package's default <c>librdkafka.so</c> for x64 needs libsasl2.so.3, which Debian
/// 12 lacks; .NET would then silently load a system librdkafka (Debian's 2.0.2 lacks functions 2.16 calls).
/// So on Linux the dependency-free build is loaded by full path: <c>centos8-librdkafka.so</c> on glibc x64,
/// <c>alpine-librdkafka.so</c> on musl, <c>librdkafka.so</c> elsewhere (linux-arm64's needs only libc).
/// Other platforms keep .NET's default probing of the package's runtimes folder.
/// </summary>
public static class LibrdkafkaLoader
{
    /// <summary>The logical library name the P/Invoke declarations use; the resolver maps it to the file.</summary>
    public const string LibraryName = "librdkafka";

    private static readonly Lock Gate = new();
    private static readonly Lazy<IntPtr> Library = new(LoadPackaged);
    private static bool _registered;

    /// <summary>Registers the resolvers once per process; safe to call from any thread, any number of times.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Register(typeof(Confluent.Kafka.Library).Assembly);
            Register(typeof(LibrdkafkaLoader).Assembly);
            _registered = true;
        }
    }

    private static void Register(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host registered its own resolver for this assembly first; it wins.
        }
    }

    // Confluent.Kafka tries "librdkafka", then "centos8-librdkafka" and "alpine-librdkafka": all mean this one library.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        OperatingSystem.IsLinux() && name.EndsWith(LibraryName, StringComparison.Ordinal) ? Library.Value : IntPtr.Zero;

    private static IntPtr LoadPackaged() =>
        PackagedNativeLibrary.IsMusl ? PackagedNativeLibrary.Load("alpine-librdkafka.so")
        : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? PackagedNativeLibrary.Load("centos8-librdkafka.so")
        : PackagedNativeLibrary.Load("librdkafka.so");
}
