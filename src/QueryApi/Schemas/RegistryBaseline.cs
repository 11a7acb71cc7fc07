using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;
using RecoStreams.Avro.Registry;
using RecoStreams.Topology.Registry;

namespace RecoStreams.QueryApi.Schemas;

/// <summary>
/// Earlier versions from a schema registry: the latest version of each contract's value subject, or
/// every live version for transitive levels. A contract whose subject does not exist yet is new.
/// </summary>
internal sealed class RegistryBaseline(ISchemaRegistryClient registry, ContractSubjects contracts) : ISchemaBaseline
{
    public async Task<IReadOnlyList<SchemaFileVersions>> PairAsync(IReadOnlyDictionary<string, string> current, CompatibilityLevel level, CancellationToken cancellationToken)
    {
        var pairs = new List<SchemaFileVersions>();
        foreach (var name in current.Keys)
        {
            var contract = ContractCommands.Resolve(contracts, name);
            pairs.Add(new SchemaFileVersions(name, current[name], await PreviousAsync(contract.Subject, level, cancellationToken).ConfigureAwait(false)));
        }

        // A contract still registered but no longer in the folder is a removal its consumers would feel.
        foreach (var contract in contracts.All.Where(c => !current.ContainsKey(c.FileName)))
        {
            var previous = await PreviousAsync(contract.Subject, level, cancellationToken).ConfigureAwait(false);
            if (previous.Count > 0)
            {
                pairs.Add(new SchemaFileVersions(contract.FileName, null, previous));
            }
        }

        return pairs;
    }

    private async Task<IReadOnlyList<string>> PreviousAsync(string subject, CompatibilityLevel level, CancellationToken cancellationToken)
    {
        try
        {
            if (!CompatibilityLevels.IsTransitive(level))
            {
                return [(await registry.GetVersionAsync(subject, null, cancellationToken).ConfigureAwait(false)).Schema];
            }

            var texts = new List<string>();
            foreach (var version in await registry.GetVersionsAsync(subject, cancellationToken).ConfigureAwait(false))
            {
                texts.Add((await registry.GetVersionAsync(subject, version, cancellationToken).ConfigureAwait(false)).Schema);
            }

            return texts;
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
        {
            return [];
        }
    }
}
