using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RecoStreams.Streams.Kafka.Mock;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Table;

namespace RecoStreams.Bench;

/// <summary>
/// The peer baseline: the same "source + count into a RocksDB store" topology written with
/// Streamiz.Kafka.Net 1.8.2 (Kafka Streams' .NET port), read from the same topic of the same mock
/// cluster, so its rate stands beside ours in one run.
/// </summary>
internal static class StreamizCountTopology
{
    /// <summary>Records per second from the first record counted to the last, and process CPU per record.</summary>
    public static async Task<(double RecordsPerSecond, double CpuMicrosPerRecord)> RunAsync(
        MockCluster cluster, string topic, int partitions, int records, TimeSpan timeout)
    {
        var applicationId = "count-bench-streamiz";

        // Streamiz checks its internal topics through the admin API but cannot create them on the mock.
        cluster.CreateTopic($"{applicationId}-counts-changelog", partitions);
        var config = new StreamConfig<ByteArraySerDes, ByteArraySerDes>
        {
            ApplicationId = applicationId,
            BootstrapServers = cluster.BootstrapServers,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            StateDir = RocksDbBenchSupport.TempStateDirectory("count-streamiz"),
            Logger = NullLoggerFactory.Instance,
        };
        var counted = 0L;
        var clock = new Stopwatch();
        var last = TimeSpan.Zero;
        var builder = new StreamBuilder();
        builder.Stream<byte[], byte[]>(topic)
            .Peek((_, _, _) =>
            {
                if (Interlocked.Increment(ref counted) == 1)
                {
                    clock.Start();
                }

                last = clock.Elapsed;
            })
            .GroupByKey()
            .Count(RocksDb.As<byte[], long>("counts").WithValueSerdes<Int64SerDes>());

        var stream = new KafkaStream(builder.Build(), config);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await stream.StartAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref counted) < records)
        {
            if (DateTime.UtcNow > deadline)
            {
                stream.Dispose();
                throw new TimeoutException($"The Streamiz count topology processed only {Interlocked.Read(ref counted)} of {records} records.");
            }

            await Task.Delay(5);
        }

        var elapsed = last;
        stream.Dispose();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Directory.Delete(config.StateDir, recursive: true);
        return ((records - 1) / elapsed.TotalSeconds, cpu.TotalMilliseconds * 1000 / records);
    }
}
