using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Hosting.Scheduling;
using Xunit;

namespace RecoStreams.Hosting.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Sunday = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 3 * * *", "2026-11-23T03:00:00Z")]
    [InlineData("*/15 * * * *", "2026-11-22T10:45:00Z")]
    [InlineData("30 10 * * *", "2026-11-23T10:30:00Z")]
    [InlineData("0 9-17/4 * * 1-5", "2026-11-23T09:00:00Z")]
    [InlineData("0 0 1 * *", "2026-12-01T00:00:00Z")]
    [InlineData("0 0 * * 7", "2026-11-29T00:00:00Z")]
    [InlineData("5,50 10 * * 0", "2026-11-22T10:50:00Z")]
    [InlineData("0 12 29 2 *", "2028-02-29T12:00:00Z")]
    public void Next_is_the_first_matching_minute_after(string expression, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronSchedule.Parse(expression).Next(Sunday));

    [Fact]
    public void Both_day_fields_restricted_match_either_day_as_vixie_cron_does()
    {
        // The 1st of the month or any Monday: Monday 23 November comes first.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), CronSchedule.Parse("0 0 1 * 1").Next(Sunday));
    }

    [Fact]
    public void A_date_that_never_exists_has_no_next_run() => Assert.Null(CronSchedule.Parse("0 0 30 2 *").Next(Sunday));

    [Theory]
    [InlineData("")]
    [InlineData("0 3 * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 0 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("* * * * 8")]
    [InlineData("*/0 * * * *")]
    [InlineData("5-1 * * * *")]
    [InlineData("a * * * *")]
    public void Rejects_malformed_expressions_with_a_format_error(string expression)
    {
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
        Assert.False(CronSchedule.IsValid(expression));
    }

    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("*/15 8-18 * * 1-5")]
    public void Takes_five_valid_fields(string expression) => Assert.True(CronSchedule.IsValid(expression));

    [Fact]
    public void Next_is_later_matches_and_skips_no_matching_minute()
    {
        var minute = Gen.Elements("*", "0", "*/10", "15,45", "0-5");
        var hour = Gen.Elements("*", "3", "*/6", "9-17");
        var day = Gen.Elements("*", "1", "15", "1-7");
        var month = Gen.Elements("*", "1-12", "*/3");
        var weekday = Gen.Elements("*", "0", "1-5", "6,7");
        var expressions =
            from m in minute
            from h in hour
            from d in day
            from mo in month
            from w in weekday
            select $"{m} {h} {d} {mo} {w}";
        var instants = Gen.Choose(0, 3 * 366 * 24 * 60).Select(m => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m).AddSeconds(m % 60));
        var prop = Prop.ForAll(expressions.ToArbitrary(), instants.ToArbitrary(), (expression, after) =>
        {
            var schedule = CronSchedule.Parse(expression);
            var next = schedule.Next(after);
            if (next is not { } due)
            {
                return false;
            }

            // Brute force over the minutes in between (bounded: every generated expression fires within 92 days).
            var skipped = false;
            for (var t = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, TimeSpan.Zero).AddMinutes(1); t < due; t = t.AddMinutes(1))
            {
                skipped |= schedule.Matches(t);
            }

            return due > after && due.Second == 0 && schedule.Matches(due) && !skipped;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
    }
}
