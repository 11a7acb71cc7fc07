using System.Text;
using Confluent.Kafka;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>
/// Follows the instances topic from its beginning, on every partition, into an <see cref="InstanceDirectory"/>.
/// It reads by assignment (no group), so every instance sees every advertisement.
/// </summary>
internal sealed class InstanceDirectoryReader : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly InstanceDirectory _directory;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public InstanceDirectoryReader(IConsumer<byte[]?, byte[]?> consumer, string topic, int partitions, InstanceDirectory directory, Action<string> log)
    {
        _consumer = consumer;
        _directory = directory;
        _log = log;
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Run) { Name = topic + "-reader", IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(PollTimeout);
                if (result?.Message is { Key: { } key } message)
                {
                    Apply(Encoding.UTF8.GetString(key), message.Value);
                }
            }
            catch (ConsumeException e)
            {
                // Transient broker errors: the next poll retries; the directory keeps its last known state.
                _log($"Reading the instances topic failed, retrying: {e.Error.Reason}");
            }
        }
    }

    private void Apply(string endpoint, byte[]? value)
    {
        if (value is null)
        {
            _directory.Remove(endpoint);
            return;
        }

        try
        {
            _directory.Apply(InstanceAdvertisementSerde.Deserialize(value));
        }
        catch (FormatException e)
        {
            _log($"Skipped a malformed record for '{endpoint}' on the instances topic: {e.Message}");
        }
    }
}
