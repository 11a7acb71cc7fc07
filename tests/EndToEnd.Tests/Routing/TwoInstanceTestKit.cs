using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Routing;

/// <summary>
/// What the end-to-end tests of several <see cref="RecoInstance"/>s on one mock cluster share: an admin token
/// on a fresh signing secret, polling until a condition holds, and producing the input as a client would.
/// </summary>
internal static class TwoInstanceTestKit
{
    /// <summary>How long one phase of a test may take on a loaded machine.</summary>
    public static readonly TimeSpan PhaseDeadline = TimeSpan.FromSeconds(90);

    /// <summary>A fresh HS256 secret for the instances and an admin token signed with it.</summary>
    public static (string Secret, string AdminToken) AdminCredentials()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        return (secret, JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("ops") { Roles = [RecoStreamsPolicies.AdminRole] }));
    }

    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        WaitUntilAsync(condition, () => Task.FromResult(what), deadline);

    public static Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? deadline = null) =>
        WaitUntilAsync(condition, () => Task.FromResult(what()), deadline);

    /// <summary>Polls <paramref name="condition"/> every <paramref name="poll"/> (200 ms) until true; throws naming <paramref name="what"/> after the deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> what, TimeSpan? deadline = null, TimeSpan? poll = null)
    {
        var timeout = deadline ?? PhaseDeadline;
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {await what()}.");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    /// <summary>Produces catalog items and then events, and closes the registry again (see <see cref="InputProducer"/>).</summary>
    public static async Task ProduceAsync(EmbeddedKafka cluster, IEnumerable<Domain.CatalogItem> items, IEnumerable<Domain.EngagementEvent> events)
    {
        using var producer = await InputProducer.OpenAsync(cluster.BootstrapServers);
        producer.Send(events, items);
    }

    /// <summary>
    /// Produces catalog items and events as a client would (Avro, murmur2 on the key), with a registry on the
    /// cluster's schema log. Opened before any instance opens the log, so the test is never a second concurrent
    /// writer of a schema; sends after that find their schemas registered.
    /// </summary>
    public sealed class InputProducer : IDisposable
    {
        private readonly IProducer<string, byte[]> _producer;
        private readonly ISerde<Domain.EngagementEvent> _events;
        private readonly ISerde<Domain.CatalogItem> _catalog;
        private readonly KafkaSchemaStore _log;

        private InputProducer(string bootstrapServers, EmbeddedSchemaRegistry registry, KafkaSchemaStore log)
        {
            Registry = registry;
            _log = log;
            _events = InputSerdes.EngagementEvents(registry);
            _catalog = InputSerdes.CatalogItems(registry);
            _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = bootstrapServers,
                Partitioner = Partitioner.Murmur2Random,
                LingerMs = 1,
            }).Build();
        }

        public EmbeddedSchemaRegistry Registry { get; }

        public static async Task<InputProducer> OpenAsync(string bootstrapServers)
        {
            var log = new KafkaSchemaStore(new KafkaSchemaStoreOptions { BootstrapServers = bootstrapServers, Topic = RecoTopics.Schemas });
            var registry = await EmbeddedSchemaRegistry.OpenAsync(log, CancellationToken.None);
            return new InputProducer(bootstrapServers, registry, log);
        }

        /// <summary>The items first (so enrichment finds them), then the events, keyed by user; returns once all are acknowledged.</summary>
        public void Send(IEnumerable<Domain.EngagementEvent> events, IEnumerable<Domain.CatalogItem> items)
        {
            foreach (var item in items)
            {
                _producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]>
                {
                    Key = item.ItemId,
                    Value = _catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)),
                });
            }

            foreach (var e in events)
            {
                _producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]>
                {
                    Key = e.UserId,
                    Value = _events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
                });
            }

            if (_producer.Flush(TimeSpan.FromSeconds(10)) != 0)
            {
                throw new TimeoutException("Producing the catalog and events did not complete within 10 s.");
            }
        }

        public void Dispose()
        {
            _producer.Dispose();
            _log.Dispose();
        }
    }
}
