using System.CommandLine;
using RecoStreams.QueryApi.Cli;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await RecoStreamsCli.Create().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
