namespace RecoStreams.Tests.Shared;

/// <summary>The shared libraries this process has mapped, read from /proc/self/maps (Linux only).</summary>
internal static class MappedLibraries
{
    /// <summary>Distinct paths of mapped files whose name contains <paramref name="name"/>.</summary>
    public static List<string> Named(string name) => File.ReadLines("/proc/self/maps")
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).Contains(name, StringComparison.Ordinal))
        .Select(fields => fields[5])
        .Distinct()
        .ToList();
}
