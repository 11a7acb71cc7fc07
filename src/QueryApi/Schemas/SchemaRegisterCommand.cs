using System.CommandLine;
using RecoStreams.Avro.Registry;
using RecoStreams.Topology.Registry;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>
/// `schemas register`: registers every contract under its topic's value subject (TopicNameStrategy)
/// and prints subject → id/version. A contract the registry rejects (incompatible or invalid) is
/// reported and the others still go through, since subjects are independent; the exit code is then 1.
/// </summary>
internal static class SchemaRegisterCommand
{
    public static Command Create()
    {
        var registryUrl = new Option<string>("--registry")
        {
            Description = "Base URL of the Confluent-compatible schema registry.",
            Required = true,
        };
        var dir = ContractCommands.DirectoryOption();
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Only say what would be registered and whether the registry would accept it.",
        };
        var applicationId = ContractCommands.ApplicationIdOption();
        var token = Cli.RegistryHttp.TokenOption();
        var command = new Command("register", "Register the .avsc contracts under their <topic>-value subjects. Exit 0: all accepted, 1: some rejected, 2: usage or I/O error.")
        {
            registryUrl, dir, dryRun, applicationId, token,
        };
        command.SetAction((result, cancellationToken) => ContractCommands.GuardAsync(result, async output =>
        {
            var url = ContractCommands.RegistryUrl(result.GetValue(registryUrl)!);
            var contracts = new ContractSubjects(result.GetValue(applicationId)!);
            var files = await ContractFolder.ReadAsync(Path.GetFullPath(result.GetValue(dir)!), cancellationToken).ConfigureAwait(false);
            // Resolve every file first: an unknown file is a usage error, before anything is written.
            var planned = files.Select(f => (Contract: ContractCommands.Resolve(contracts, f.Key), Schema: f.Value)).ToList();

            using var http = Cli.RegistryHttp.Create(result.GetValue(token));
            var registry = ContractCommands.RegistryClient(http, url);
            var rejected = 0;
            foreach (var (contract, schema) in planned)
            {
                var line = result.GetValue(dryRun)
                    ? await DryRunAsync(registry, contract.Subject, schema, cancellationToken).ConfigureAwait(false)
                    : await RegisterAsync(registry, contract.Subject, schema, cancellationToken).ConfigureAwait(false);
                rejected += line.Rejected ? 1 : 0;
                await output.WriteLineAsync($"{contract.Subject} → {line.Text}  ({contract.FileName})").ConfigureAwait(false);
            }

            return rejected == 0 ? SchemaExitCodes.Compatible : SchemaExitCodes.Breaking;
        }));
        return command;
    }

    private sealed record Outcome(string Text, bool Rejected = false);

    private static async Task<Outcome> RegisterAsync(ISchemaRegistryClient registry, string subject, string schema, CancellationToken cancellationToken)
    {
        try
        {
            var id = await registry.RegisterAsync(subject, schema, cancellationToken).ConfigureAwait(false);
            var registered = await registry.LookupAsync(subject, schema, cancellationToken).ConfigureAwait(false);
            return new Outcome($"id {id}, version {registered.Version}");
        }
        catch (SchemaRegistryException e) when (IsRejection(e))
        {
            return new Outcome($"REJECTED ({e.ErrorCode}): {e.RegistryMessage}", Rejected: true);
        }
    }

    private static async Task<Outcome> DryRunAsync(ISchemaRegistryClient registry, string subject, string schema, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await registry.LookupAsync(subject, schema, cancellationToken).ConfigureAwait(false);
            return new Outcome($"already registered: id {existing.Id}, version {existing.Version}");
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
        {
            return new Outcome("would register version 1 (new subject)");
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SchemaNotFound)
        {
            // The subject exists without this schema: a new version, if the subject's level allows it.
        }
        catch (SchemaRegistryException e) when (IsRejection(e))
        {
            return new Outcome($"WOULD BE REJECTED ({e.ErrorCode}): {e.RegistryMessage}", Rejected: true);
        }

        var check = await registry.TestCompatibilityAsync(subject, schema, null, cancellationToken).ConfigureAwait(false);
        return check.IsCompatible
            ? new Outcome("would register a new version")
            : new Outcome("WOULD BE REJECTED: incompatible: " + string.Join("; ", check.Messages), Rejected: true);
    }

    private static bool IsRejection(SchemaRegistryException e) =>
        e.ErrorCode is SchemaRegistryErrorCodes.IncompatibleSchema or SchemaRegistryErrorCodes.InvalidSchema;
}
