using System.Text.Json;
using System.Text.Json.Serialization;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>
/// JSON values of the instances topic, readable with any Kafka tool:
/// <c>{"endpoint":"10.0.0.5:8080","tasks":["1_0","1_3"],"state":"Running","timestamp_ms":...}</c>.
/// Unknown properties are ignored so newer instances may add fields during a rolling upgrade.
/// </summary>
public static class InstanceAdvertisementSerde
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(InstanceAdvertisement advertisement)
    {
        ArgumentNullException.ThrowIfNull(advertisement);
        var wire = new Wire(advertisement.Endpoint, [.. advertisement.Tasks.Select(t => t.ToString())], advertisement.State, advertisement.TimestampMs);
        return JsonSerializer.SerializeToUtf8Bytes(wire, Json);
    }

    /// <summary>Throws <see cref="FormatException"/> naming what is wrong when the bytes are not an advertisement.</summary>
    public static InstanceAdvertisement Deserialize(ReadOnlySpan<byte> value)
    {
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(value, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not an instance advertisement: {e.Message}", e);
        }

        if (wire is null || string.IsNullOrWhiteSpace(wire.Endpoint) || wire.Tasks is null)
        {
            throw new FormatException("Not an instance advertisement: endpoint and tasks are required.");
        }

        return new InstanceAdvertisement(wire.Endpoint, [.. wire.Tasks.Select(TaskId.Parse)], wire.State, wire.TimestampMs);
    }

    private sealed record Wire(string Endpoint, List<string> Tasks, KafkaStreamsState State, long TimestampMs);
}
