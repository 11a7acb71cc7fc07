using System.Globalization;

namespace RecoStreams.Hosting.Scheduling;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week, in UTC) with *, numbers,
/// ranges a-b, lists a,b and steps */n or a-b/n; day-of-week 0-7 with 0 and 7 for Sunday. As in Vixie
/// cron, when both day fields are restricted a day matches if either does.
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(366 * 5);

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _anyDayOfMonth;
    private readonly bool _anyDayOfWeek;

    private CronSchedule(string expression, string[] fields)
    {
        Expression = expression;
        _minutes = Field(fields[0], 0, 59, "minute");
        _hours = Field(fields[1], 0, 23, "hour");
        _daysOfMonth = Field(fields[2], 1, 31, "day of month");
        _months = Field(fields[3], 1, 12, "month");
        var daysOfWeek = Field(fields[4], 0, 7, "day of week");
        daysOfWeek[0] |= daysOfWeek[7];
        _daysOfWeek = daysOfWeek[..7];
        _anyDayOfMonth = fields[2] == "*";
        _anyDayOfWeek = fields[4] == "*";
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not five valid fields.</exception>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5
            ? new CronSchedule(expression, fields)
            : throw new FormatException($"'{expression}' has {fields.Length} fields; a cron schedule has five: minute hour day-of-month month day-of-week.");
    }

    /// <summary>Whether <see cref="Parse"/> takes <paramref name="expression"/>: what options validation asks before the start.</summary>
    public static bool IsValid(string expression)
    {
        try
        {
            Parse(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public bool Matches(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return _minutes[utc.Minute] && _hours[utc.Hour] && _months[utc.Month] && DayMatches(utc);
    }

    /// <summary>The first matching minute strictly after <paramref name="after"/>; null when none within five years (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var end = t + Horizon;
        while (t < end)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return new DateTimeOffset(t);
            }
        }

        return null;
    }

    public override string ToString() => Expression;

    private bool DayMatches(DateTime t)
    {
        var dom = _daysOfMonth[t.Day];
        var dow = _daysOfWeek[(int)t.DayOfWeek];
        return _anyDayOfMonth || _anyDayOfWeek ? dom && dow : dom || dow;
    }

    private static bool[] Field(string text, int min, int max, string name)
    {
        var allowed = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw Invalid(text, name, min, max),
            };
            var (from, to) = range switch
            {
                "*" => (min, max),
                _ when range.Split('-') is [var a, var b] => (Number(a, text, name, min, max), Number(b, text, name, min, max)),
                _ => (Number(range, text, name, min, max), step > 1 ? max : Number(range, text, name, min, max)),
            };
            if (from > to)
            {
                throw Invalid(text, name, min, max);
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text, string field, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(field, name, min, max);

    private static FormatException Invalid(string field, string name, int min, int max) =>
        new($"'{field}' is not a valid {name} field (numbers {min}-{max}, *, a-b, lists and /steps).");
}
