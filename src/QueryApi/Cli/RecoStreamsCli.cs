using System.CommandLine;

namespace RecoStreams.QueryApi.Cli;

/// <summary>The command line: one verb per job of the host.</summary>
internal static class RecoStreamsCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("RecoStreams: real-time recommendations on Kafka.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(Schemas.SchemasCommand.Create());
        root.Subcommands.Add(CatalogCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        return root;
    }
}
