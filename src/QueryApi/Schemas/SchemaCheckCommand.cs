using System.CommandLine;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;
using RecoStreams.Avro.Registry;
using RecoStreams.Topology.Registry;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>`schemas check`: is the contracts folder, as it is now, compatible with a git revision or a registry?</summary>
internal static class SchemaCheckCommand
{
    private const string GitPrefix = "git:";
    private const string RegistryPrefix = "registry:";

    public static Command Create()
    {
        var dir = ContractCommands.DirectoryOption();
        var against = new Option<string>("--against")
        {
            Description = "Baseline: git:<rev> (the files as committed at rev) or registry:<url> (latest versions of each <topic>-value subject).",
            DefaultValueFactory = _ => GitPrefix + "HEAD",
        };
        var compatibility = new Option<string>("--compatibility")
        {
            Description = "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.",
            DefaultValueFactory = _ => "BACKWARD",
        };
        var applicationId = ContractCommands.ApplicationIdOption();
        var command = new Command("check", "Check edited .avsc contracts for breaking changes. Exit 0: compatible, 1: breaking, 2: usage or I/O error.")
        {
            dir, against, compatibility, applicationId,
        };
        command.SetAction((result, cancellationToken) => ContractCommands.GuardAsync(result, async output =>
        {
            if (!CompatibilityLevelNames.TryParse(result.GetValue(compatibility), out var level))
            {
                throw new SchemaToolException($"'{result.GetValue(compatibility)}' is not a compatibility level");
            }

            var directory = Path.GetFullPath(result.GetValue(dir)!);
            var current = await ContractFolder.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
            var report = await CheckAsync(directory, current, result.GetValue(against)!, level,
                new ContractSubjects(result.GetValue(applicationId)!), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(report.ToText()).ConfigureAwait(false);
            return report.IsCompatible ? SchemaExitCodes.Compatible : SchemaExitCodes.Breaking;
        }));
        return command;
    }

    private static async Task<SchemaEvolutionReport> CheckAsync(string directory, IReadOnlyDictionary<string, string> current, string against,
        CompatibilityLevel level, ContractSubjects contracts, CancellationToken cancellationToken)
    {
        if (against.StartsWith(GitPrefix, StringComparison.Ordinal) && against.Length > GitPrefix.Length)
        {
            return SchemaEvolutionCheck.Run(await new GitBaseline(directory, against[GitPrefix.Length..])
                .PairAsync(current, level, cancellationToken).ConfigureAwait(false), level);
        }

        if (against.StartsWith(RegistryPrefix, StringComparison.Ordinal))
        {
            using var http = new HttpClient();
            var registry = ContractCommands.RegistryClient(http, ContractCommands.RegistryUrl(against[RegistryPrefix.Length..]));
            return SchemaEvolutionCheck.Run(await new RegistryBaseline(registry, contracts)
                .PairAsync(current, level, cancellationToken).ConfigureAwait(false), level);
        }

        throw new SchemaToolException($"--against '{against}' is neither git:<rev> nor registry:<url>");
    }
}
