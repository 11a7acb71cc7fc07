using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Ingestion.Events;

/// <summary>
/// Reads an events file into engagement events. Ratings become RATING events whose event_id is derived from
/// the row (source, user, item, time), so loading the same file twice is absorbed by the topology's de-duplication.
/// </summary>
public static class EventFileReader
{
    /// <param name="loadTime">Stamps rows without a time (goodbooks) and bounds JSON lines' future times.</param>
    public static IEnumerable<EventLine> Read(EventFormat format, string path, DateTimeOffset loadTime) => format switch
    {
        EventFormat.MovieLens => Ratings(path, "userId", "movieId", "timestamp", "movielens", loadTime),
        EventFormat.Goodbooks => Ratings(path, "user_id", "book_id", timeColumn: null, "goodbooks", loadTime),
        EventFormat.Jsonl => JsonLines(path, loadTime),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown events format."),
    };

    /// <summary>A name-based UUID (SHA-1 of the text, version 5 layout): the same row always gets the same id.</summary>
    public static Guid StableId(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        SHA1.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16).CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static IEnumerable<EventLine> Ratings(string path, string userColumn, string itemColumn, string? timeColumn, string source, DateTimeOffset loadTime)
    {
        var csv = CsvRows.Open(path);
        var (user, item, rating) = (csv.Column(userColumn), csv.Column(itemColumn), csv.Column("rating"));
        var time = timeColumn is null ? -1 : csv.Column(timeColumn);
        foreach (var (line, fields) in csv.Rows())
        {
            if (fields.Count != csv.FieldCount)
            {
                yield return EventLine.Malformed(line, $"has {fields.Count} fields, expected {csv.FieldCount}");
                continue;
            }

            long seconds = 0;
            if (time >= 0 && !long.TryParse(fields[time], NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
            {
                yield return EventLine.Malformed(line, $"{timeColumn} '{fields[time]}' is not Unix seconds");
                continue;
            }

            var json = new EngagementEventJson(
                StableId($"{source}:{fields[user]}:{fields[item]}:{(time >= 0 ? fields[time] : string.Empty)}").ToString("D"),
                fields[user],
                fields[item],
                "rating",
                time >= 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("O", CultureInfo.InvariantCulture) : null,
                double.TryParse(fields[rating], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : double.NaN,
                null,
                null,
                null);
            yield return Checked(line, json, loadTime);
        }
    }

    private static IEnumerable<EventLine> JsonLines(string path, DateTimeOffset loadTime)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return Parse(line, text, loadTime);
        }
    }

    private static EventLine Parse(long line, string text, DateTimeOffset loadTime)
    {
        try
        {
            return JsonSerializer.Deserialize<EngagementEventJson>(text, EngagementEventJson.Options) is { } json
                ? Checked(line, json, loadTime)
                : EventLine.Malformed(line, "is null, not an event object");
        }
        catch (JsonException e)
        {
            return EventLine.Malformed(line, $"is not an event object: {JsonProblem.Describe(e)}");
        }
    }

    private static EventLine Checked(long line, EngagementEventJson json, DateTimeOffset loadTime)
    {
        var errors = new FieldErrors();
        return json.ToEvent(errors, string.Empty, loadTime) is { } e
            ? EventLine.Parsed(line, e)
            : EventLine.Malformed(line, string.Join("; ", errors.Errors.Select(f => $"{f.Key} {string.Join(", ", f.Value)}")));
    }
}
