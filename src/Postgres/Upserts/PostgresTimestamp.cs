namespace RecoStreams.Postgres.Upserts;

/// <summary>
/// timestamptz keeps microseconds while .NET keeps 100 ns ticks. Versions are compared on the value
/// Postgres will store, so two timestamps that differ only below a microsecond count as equal both in
/// the in-batch reduction and in the ON CONFLICT guard.
/// </summary>
internal static class PostgresTimestamp
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime ToStored(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }

    public static DateTime? ToStored(DateTimeOffset? value) => value is { } v ? ToStored(v) : null;
}
