using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Streams.Kafka.Mock;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Table;

namespace RecoStreams.Bench;

/// <summary>
/// The peer baseline of the count benchmark: the same source + count into a store, written with
/// Streamiz.Kafka.Net 1.8.2 (Kafka Streams' .NET port), on the same mock cluster and in the same process. It runs
/// on the project's Confluent.Kafka 2.16 and librdkafka (Streamiz asks for Confluent.Kafka 2.15.1 or later). Streamiz
/// cannot create topics on the mock, so its changelog topic is created first. Records are counted as they enter the
/// count (a peek before the aggregation); the clock runs from the first to the last, as for the project's topology.
/// </summary>
internal static class StreamizCount
{
    public static double Rate(MockCluster cluster, string topic, int partitions, int records, bool rocksDb, TimeSpan timeout)
    {
        var kind = rocksDb ? "rocksdb" : "in-memory";
        var applicationId = "count-bench-streamiz-" + kind;
        cluster.CreateTopic($"{applicationId}-counts-changelog", partitions);
        var stateDirectory = RocksDbBenchSupport.TempStateDirectory("streamiz-" + kind);
        var config = new StreamConfig<ByteArraySerDes, ByteArraySerDes>
        {
            ApplicationId = applicationId,
            BootstrapServers = cluster.BootstrapServers,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            StateDir = stateDirectory,
            NumStreamThreads = 1,
            CommitIntervalMs = 30_000,
            Logger = NullLoggerFactory.Instance,
        };

        var clock = new Stopwatch();
        var (count, last) = (0L, TimeSpan.Zero);
        var builder = new StreamBuilder();
        var grouped = builder.Stream<byte[], byte[]>(topic)
            .Peek((_, _, _) =>
            {
                if (Interlocked.Increment(ref count) == 1)
                {
                    clock.Start();
                }

                last = clock.Elapsed;
            })
            .GroupByKey();
        _ = rocksDb
            ? grouped.Count(RocksDb.As<byte[], long, ByteArraySerDes, Int64SerDes>("counts"))
            : grouped.Count(InMemory.As<byte[], long, ByteArraySerDes, Int64SerDes>("counts"));

        using var stream = new KafkaStream(builder.Build(), config);
        stream.StartAsync().GetAwaiter().GetResult();
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref count) < records)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Streamiz {kind} count topology processed only {Interlocked.Read(ref count)} of {records} records.");
            }

            Thread.Sleep(5);
        }

        var elapsed = last;
        stream.Dispose();
        Directory.Delete(stateDirectory, recursive: true);
        return (records - 1) / elapsed.TotalSeconds;
    }
}
