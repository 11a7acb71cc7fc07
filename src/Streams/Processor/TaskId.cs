namespace RecoStreams.Streams.Processor;

/// <summary>A task: one partition of one subtopology, printed as Kafka Streams does ("0_3").</summary>
public readonly record struct TaskId(int Subtopology, int Partition) : IComparable<TaskId>
{
    public int CompareTo(TaskId other) =>
        Subtopology != other.Subtopology ? Subtopology.CompareTo(other.Subtopology) : Partition.CompareTo(other.Partition);

    public override string ToString() => $"{Subtopology}_{Partition}";

    public static TaskId Parse(string text)
    {
        var parts = text.Split('_');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var subtopology) || !int.TryParse(parts[1], out var partition))
        {
            throw new FormatException($"'{text}' is not a task id of the form <subtopology>_<partition>.");
        }

        return new TaskId(subtopology, partition);
    }
}
