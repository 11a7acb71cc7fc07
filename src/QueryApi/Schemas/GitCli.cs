using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>Runs the git command line: the tooling reads history with plain git, no libgit binding to ship.</summary>
internal sealed class GitCli(string workingDirectory)
{
    /// <summary>Exit code, stdout and stderr of one git invocation.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public async Task<Result> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No pager, no prompts, and messages in English: the tool only reads stdout and exit codes.
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SchemaToolException("git could not be started");
        }
        catch (Win32Exception e)
        {
            throw new SchemaToolException($"git could not be started (is it installed and on PATH?): {e.Message}", e);
        }

        using (process)
        {
            // Read both streams concurrently so a full stderr pipe can never block git.
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but a failure is a <see cref="SchemaToolException"/> carrying git's message.</summary>
    public async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Output
            : throw new SchemaToolException($"git {string.Join(' ', arguments)} failed: {result.Error.Trim()}");
    }
}
