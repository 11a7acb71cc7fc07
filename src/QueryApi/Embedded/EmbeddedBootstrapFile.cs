namespace RecoStreams.QueryApi.Embedded;

/// <summary>
/// Where a `run` on the embedded mock cluster writes the cluster's bootstrap address (its port is chosen at
/// random), so the loaders on the same machine find it without --bootstrap-servers. Removed on a clean stop.
/// </summary>
public static class EmbeddedBootstrapFile
{
    public const string FileName = "embedded-kafka.bootstrap";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static void Write(string dataDirectory, string bootstrapServers) => File.WriteAllText(PathIn(dataDirectory), bootstrapServers + Environment.NewLine);

    public static void Delete(string dataDirectory) => File.Delete(PathIn(dataDirectory));

    /// <summary>The bootstrap address a running embedded instance of <paramref name="dataDirectory"/> wrote, or null.</summary>
    public static string? Read(string dataDirectory) =>
        File.Exists(PathIn(dataDirectory)) && File.ReadAllText(PathIn(dataDirectory)).Trim() is { Length: > 0 } servers ? servers : null;
}
