using Npgsql;
using NpgsqlTypes;

namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// Column arrays for INSERT ... SELECT FROM unnest(...): one typed array parameter per column keeps the
/// statement text constant (one prepared plan) whatever the batch size.
/// </summary>
internal static class UnnestParameters
{
    public static NpgsqlParameter<string[]> Text(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };

    public static NpgsqlParameter<string[]> Jsonb(string name, IEnumerable<string> json) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = [.. json] };

    public static NpgsqlParameter<double[]> Double(string name, IEnumerable<double> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = [.. values] };

    public static NpgsqlParameter<DateTime[]> TimestampTz(string name, IEnumerable<DateTimeOffset> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. values.Select(PostgresTimestamp.ToStored)] };

    public static NpgsqlParameter<DateTime?[]> NullableTimestampTz(string name, IEnumerable<DateTimeOffset?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. values.Select(PostgresTimestamp.ToStored)] };
}
