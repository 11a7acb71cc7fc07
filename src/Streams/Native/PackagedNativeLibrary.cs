using System.Runtime.InteropServices;

namespace RecoStreams.Streams.Native;

/// <summary>
/// Finds a native library that a NuGet package ships under <c>runtimes/{rid}/native</c>. A portable build
/// keeps that folder layout under the application folder; a RID-specific publish copies the files next to
/// the application. Loading by full path means a system copy of the same library can never shadow it.
/// </summary>
public static class PackagedNativeLibrary
{
    /// <summary>True when the process runs on musl libc (Alpine), whose packages ship separate builds.</summary>
    public static bool IsMusl => RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal);

    /// <summary>
    /// Loads the first of <paramref name="fileNames"/> found in the application's native folders.
    /// Throws <see cref="DllNotFoundException"/> naming every place looked at when none is there.
    /// </summary>
    public static IntPtr Load(params string[] fileNames)
    {
        var folders = NativeFolders();
        foreach (var fileName in fileNames)
        {
            foreach (var folder in folders)
            {
                var path = Path.Combine(folder, fileName);
                if (File.Exists(path))
                {
                    return NativeLibrary.Load(path);
                }
            }
        }

        throw new DllNotFoundException(
            $"None of {string.Join(", ", fileNames)} is in {string.Join(" or ", folders)}; restore and build the application so its packages' native libraries are copied.");
    }

    private static string[] NativeFolders()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var platform = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : "linux";
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return [Path.Combine(baseDirectory, "runtimes", $"{platform}-{architecture}", "native"), baseDirectory];
    }
}
