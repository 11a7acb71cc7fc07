using System.Globalization;
using System.Text;

namespace RecoStreams.Streams.Runtime;

/// <summary>
/// The local checkpoint file of a task: per changelog partition, the offset of the last record already
/// in the local store. Same text layout as Kafka Streams' <c>.checkpoint</c> (version, count, then
/// "topic partition offset" lines). Written atomically: a crash leaves either the old or the new file.
/// </summary>
internal static class OffsetCheckpoint
{
    public const string FileName = ".checkpoint";
    private const int Version = 0;

    public static Dictionary<(string Topic, int Partition), long> Read(string path)
    {
        var offsets = new Dictionary<(string, int), long>();
        if (!File.Exists(path))
        {
            return offsets;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0].Trim() != Version.ToString(CultureInfo.InvariantCulture)
            || !int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || lines.Length - 2 < count)
        {
            throw new StreamsException($"Checkpoint file '{path}' is malformed (expected version {Version}, a count, then entries).");
        }

        foreach (var line in lines.Skip(2).Take(count))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
            {
                throw new StreamsException($"Checkpoint file '{path}' has a malformed entry: '{line}'.");
            }

            offsets[(parts[0], partition)] = offset;
        }

        return offsets;
    }

    public static void Write(string path, IReadOnlyDictionary<(string Topic, int Partition), long> offsets)
    {
        var text = new StringBuilder()
            .Append(Version.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(offsets.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var ((topic, partition), offset) in offsets.OrderBy(e => e.Key.Topic, StringComparer.Ordinal).ThenBy(e => e.Key.Partition))
        {
            text.Append(CultureInfo.InvariantCulture, $"{topic} {partition} {offset}\n");
        }

        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
