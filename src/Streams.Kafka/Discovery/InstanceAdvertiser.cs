using System.Text;
using Confluent.Kafka;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>Writes this instance's advertisements to the instances topic, keyed by endpoint, and its tombstone on a clean stop.</summary>
internal sealed class InstanceAdvertiser(IProducer<byte[]?, byte[]?> producer, string topic, Action<string> log) : IDisposable
{
    private static readonly TimeSpan WithdrawTimeout = TimeSpan.FromSeconds(5);

    public void Publish(InstanceAdvertisement advertisement) =>
        Produce(advertisement.Endpoint, InstanceAdvertisementSerde.Serialize(advertisement));

    /// <summary>Tells the others at once that this endpoint hosts nothing, instead of letting its advertisement expire.</summary>
    public void Withdraw(string endpoint)
    {
        Produce(endpoint, null);
        if (producer.Flush(WithdrawTimeout) > 0)
        {
            log($"The tombstone of {endpoint} was not delivered within {WithdrawTimeout.TotalSeconds} s; other instances wait for its advertisement to expire.");
        }
    }

    public void Dispose() => producer.Dispose();

    private void Produce(string endpoint, byte[]? value) =>
        producer.Produce(
            topic,
            new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(endpoint), Value = value },
            report =>
            {
                // A lost advertisement is repaired by the next heartbeat; only say so.
                if (report.Error.IsError)
                {
                    log($"Advertising {endpoint} failed: {report.Error.Reason}");
                }
            });
}
