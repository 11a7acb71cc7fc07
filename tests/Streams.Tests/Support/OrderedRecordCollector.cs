using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Tests.Support;

/// <summary>Records every send and every flush in one sequence, so a test can check what was acknowledged before what.</summary>
internal sealed class OrderedRecordCollector : IRecordCollector
{
    public const string FlushMark = "<flush>";

    private readonly Dictionary<(string Topic, int Partition), long> _acknowledged = [];

    /// <summary>Topics in send order, with <see cref="FlushMark"/> where the task waited for acknowledgements.</summary>
    public List<string> Events { get; } = [];

    public IReadOnlyDictionary<(string Topic, int Partition), long> AcknowledgedOffsets => _acknowledged;

    public void Send(string topic, byte[]? key, byte[]? value, RecordHeaders? headers, long timestamp, int? partition)
    {
        Events.Add(topic);
        var tp = (topic, partition ?? 0);
        _acknowledged[tp] = _acknowledged.TryGetValue(tp, out var last) ? last + 1 : 0;
    }

    public void Flush() => Events.Add(FlushMark);
}
