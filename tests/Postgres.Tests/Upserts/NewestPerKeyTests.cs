using RecoStreams.Postgres.Upserts;
using Xunit;

namespace RecoStreams.Postgres.Tests.Upserts;

public sealed class NewestPerKeyTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Keeps_the_newest_version_of_each_key()
    {
        (string Key, int Minute, string Value)[] rows = [("a", 1, "a1"), ("b", 5, "b5"), ("a", 3, "a3"), ("a", 2, "a2"), ("b", 4, "b4")];

        var reduced = NewestPerKey.Reduce(rows, r => r.Key, r => T0.AddMinutes(r.Minute));

        Assert.Equal(["a3", "b5"], reduced.Select(r => r.Value).Order());
    }

    [Fact]
    public void On_equal_versions_the_first_seen_wins_as_in_the_table()
    {
        (string Key, int Minute, string Value)[] rows = [("a", 1, "first"), ("a", 1, "second")];

        var reduced = NewestPerKey.Reduce(rows, r => r.Key, r => T0.AddMinutes(r.Minute));

        Assert.Equal(["first"], reduced.Select(r => r.Value));
    }

    [Fact]
    public void Stored_timestamps_are_utc_and_truncated_to_microseconds()
    {
        var value = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345_678);

        var stored = PostgresTimestamp.ToStored(value);

        Assert.Equal(DateTimeKind.Utc, stored.Kind);
        Assert.Equal(value.UtcDateTime.AddTicks(-8), stored);
    }
}
