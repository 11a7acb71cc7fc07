using System.Diagnostics.Metrics;
using System.Globalization;
using RecoStreams.Streams.Diagnostics;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// Where the time of a measured span went: the stream threads' loop phases (recostreams.streams.thread.time, wall
/// time, summed over the threads), the CPU time of every thread of the process (/proc/self/task, by thread name;
/// Linux only), each as the difference between two snapshots, and every commit's duration
/// (recostreams.streams.commit.duration).
/// </summary>
internal sealed class ThreadBreakdown : IDisposable
{
    private const string InstrumentName = "recostreams.streams.thread.time";
    private const string CommitInstrumentName = "recostreams.streams.commit.duration";
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _phases = new(StringComparer.Ordinal);
    private readonly List<double> _commitsMs = [];

    public ThreadBreakdown()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StreamsTelemetry.MeterName && instrument.Name is InstrumentName or CommitInstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (instrument.Name == CommitInstrumentName)
            {
                lock (_commitsMs)
                {
                    _commitsMs.Add(seconds * 1000);
                }

                return;
            }

            foreach (var tag in tags)
            {
                if (tag is { Key: "phase", Value: string phase })
                {
                    _phases[phase] = _phases.GetValueOrDefault(phase) + seconds;
                }
            }
        });
        _listener.Start();
    }

    public Snapshot Take()
    {
        _phases.Clear();
        _listener.RecordObservableInstruments();
        lock (_commitsMs)
        {
            return new Snapshot(new Dictionary<string, double>(_phases, StringComparer.Ordinal), ThreadCpuSeconds(), _commitsMs.Count);
        }
    }

    /// <summary>The duration of every commit since the benchmark began, in milliseconds, in the order they ended.</summary>
    public List<double> CommitsMs()
    {
        lock (_commitsMs)
        {
            return [.. _commitsMs];
        }
    }

    /// <summary>The durations of the commits that ended between the snapshots, in milliseconds.</summary>
    public List<double> CommitsMs(Snapshot from, Snapshot to)
    {
        lock (_commitsMs)
        {
            return _commitsMs[from.Commits..to.Commits];
        }
    }

    /// <summary>Each loop phase's share of the stream threads' wall time between the snapshots.</summary>
    public static Dictionary<string, double> LoopShares(Snapshot from, Snapshot to)
    {
        var spent = to.LoopSeconds.ToDictionary(p => p.Key, p => p.Value - from.LoopSeconds.GetValueOrDefault(p.Key), StringComparer.Ordinal);
        var total = spent.Values.Sum();
        return spent.ToDictionary(p => p.Key, p => total > 0 ? p.Value / total : 0, StringComparer.Ordinal);
    }

    /// <summary>CPU seconds per thread name between the snapshots (threads of one name summed), largest first.</summary>
    public static List<KeyValuePair<string, double>> CpuByThreadName(Snapshot from, Snapshot to) =>
        to.CpuSeconds
            .Select(t => (Name: t.Key.Name, Seconds: t.Value - from.CpuSeconds.GetValueOrDefault(t.Key)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(t => t.Seconds)))
            .Where(t => t.Value > 0)
            .OrderByDescending(t => t.Value)
            .ToList();

    public void Dispose() => _listener.Dispose();

    /// <summary>utime + stime of every thread of this process, in clock ticks of 1/100 s (USER_HZ on Linux).</summary>
    private static Dictionary<(int Tid, string Name), double> ThreadCpuSeconds()
    {
        var cpu = new Dictionary<(int, string), double>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return cpu;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // The name sits in parentheses and may contain spaces; the fields after it are space separated.
                var (open, close) = (stat.IndexOf('(', StringComparison.Ordinal), stat.LastIndexOf(')'));
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                cpu[(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), stat[(open + 1)..close])] = ticks / 100.0;
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return cpu;
    }

    public sealed record Snapshot(Dictionary<string, double> LoopSeconds, Dictionary<(int Tid, string Name), double> CpuSeconds, int Commits);
}
