namespace RecoStreams.Postgres.Migrations;

/// <summary>
/// One forward-only schema step. Versions are applied in ascending order, each exactly once per database;
/// a released migration is never edited, a change ships as a new version.
/// </summary>
public sealed record Migration(int Version, string Description, string Sql);
