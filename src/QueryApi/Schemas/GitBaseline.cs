using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>
/// Earlier versions from git: the file as committed at a revision (<c>git show rev:./File.avsc</c>),
/// and for transitive levels every committed version in that revision's history of the file.
/// Renames are not followed: a renamed contract is a new subject anyway.
/// </summary>
internal sealed class GitBaseline(string directory, string revision) : ISchemaBaseline
{
    private readonly GitCli _git = new(directory);

    public async Task<IReadOnlyList<SchemaFileVersions>> PairAsync(IReadOnlyDictionary<string, string> current, CompatibilityLevel level, CancellationToken cancellationToken)
    {
        var resolved = await _git.RunAsync(["rev-parse", "--verify", revision + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            throw new SchemaToolException($"'{revision}' is not a commit of the git repository at {directory}: {resolved.Error.Trim()}");
        }

        var commit = resolved.Output.Trim();
        // ls-tree paths are relative to the working directory, so "." is the contracts folder at that commit.
        var listing = await _git.RunCheckedAsync(["ls-tree", "-z", "--name-only", commit, "--", "."], cancellationToken).ConfigureAwait(false);
        var committed = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.EndsWith(".avsc", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        var pairs = new List<SchemaFileVersions>();
        foreach (var name in current.Keys.Union(committed).Order(StringComparer.Ordinal))
        {
            IReadOnlyList<string> previous = !committed.Contains(name) ? []
                : CompatibilityLevels.IsTransitive(level) ? await HistoryAsync(commit, name, cancellationToken).ConfigureAwait(false)
                : [await ShowAsync(commit, name, cancellationToken).ConfigureAwait(false)];
            pairs.Add(new SchemaFileVersions(name, current.GetValueOrDefault(name), previous));
        }

        return pairs;
    }

    private Task<string> ShowAsync(string commit, string name, CancellationToken cancellationToken) =>
        _git.RunCheckedAsync(["show", $"{commit}:./{name}"], cancellationToken);

    /// <summary>Every distinct committed text of the file up to <paramref name="commit"/>, oldest first.</summary>
    private async Task<IReadOnlyList<string>> HistoryAsync(string commit, string name, CancellationToken cancellationToken)
    {
        // Only commits that added or changed the file: at a commit that deleted it there is nothing to show.
        var log = await _git.RunCheckedAsync(["log", "--format=%H", "--reverse", "--diff-filter=ACMRT", commit, "--", "./" + name], cancellationToken).ConfigureAwait(false);
        var versions = new List<string>();
        foreach (var version in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var text = await ShowAsync(version, name, cancellationToken).ConfigureAwait(false);
            if (versions.Count == 0 || versions[^1] != text)
            {
                versions.Add(text);
            }
        }

        return versions;
    }
}
