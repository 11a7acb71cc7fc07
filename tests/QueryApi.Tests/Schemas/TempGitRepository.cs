using System.Diagnostics;

namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>A throwaway git repository with a schemas/avro folder, deleted on dispose.</summary>
internal sealed class TempGitRepository : IDisposable
{
    private TempGitRepository(string root)
    {
        Root = root;
        SchemaDirectory = Path.Combine(root, "schemas", "avro");
        Directory.CreateDirectory(SchemaDirectory);
    }

    public string Root { get; }

    public string SchemaDirectory { get; }

    public static TempGitRepository Create()
    {
        var repository = new TempGitRepository(Path.Combine(Path.GetTempPath(), "reco-schemas-" + Guid.NewGuid().ToString("N")));
        repository.Git("init", "-q");
        return repository;
    }

    public void Write(string fileName, string text) => File.WriteAllText(Path.Combine(SchemaDirectory, fileName), text);

    public void Delete(string fileName) => File.Delete(Path.Combine(SchemaDirectory, fileName));

    /// <summary>Commits everything and returns the commit id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}
