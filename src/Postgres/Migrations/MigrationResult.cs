namespace RecoStreams.Postgres.Migrations;

/// <summary>What a migration run found and did.</summary>
/// <param name="StartingVersion">Highest version applied before the run (0 for an empty database).</param>
/// <param name="Applied">Versions this run applied, in order; empty when the schema was already current.</param>
public sealed record MigrationResult(int StartingVersion, IReadOnlyList<int> Applied)
{
    public int CurrentVersion => Applied.Count == 0 ? StartingVersion : Math.Max(StartingVersion, Applied[^1]);
}
