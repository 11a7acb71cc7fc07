using System.Text;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Kafka.Tests.Support;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using Xunit;
using static RecoStreams.Streams.Kafka.Tests.Support.StreamsHarness;

namespace RecoStreams.Streams.Kafka.Tests.Application;

public sealed class ErrorHandlingTests
{
    [Fact]
    public void Undeserializable_records_reach_the_dead_letter_topic_with_their_origin_in_headers()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("numbers", 2);
        cluster.CreateTopic("doubled", 2);
        cluster.CreateTopic("app-dlq", 1);
        TopicIo.Produce(cluster, "numbers", [
            (1, "k"u8.ToArray(), BitConverter.GetBytes(21L).Reverse().ToArray()),
            (1, "bad"u8.ToArray(), [1, 2, 3]),
            (1, "k"u8.ToArray(), BitConverter.GetBytes(4L).Reverse().ToArray()),
        ]);
        var topology = new Topology()
            .AddSource("source", "numbers", Serdes.String, Serdes.Long)
            .AddProcessor<string, long, string, long>("double", () => new Doubler(), "source")
            .AddSink("sink", "doubled", Serdes.String, Serdes.Long, "double");

        using var app = Start(cluster, topology, Options(cluster, TempDirectory()));
        WaitFor(() => TopicIo.ReadAll(cluster, "doubled", 2).Count == 2, "the two good records");
        var dead = TopicIo.ReadAll(cluster, "app-dlq", 1);
        Assert.True(app.Close(TimeSpan.FromSeconds(20)));

        var record = Assert.Single(dead);
        Assert.Equal("bad"u8.ToArray(), record.Message.Key);
        Assert.Equal(new byte[] { 1, 2, 3 }, record.Message.Value);
        string Header(string name) => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
        Assert.Equal("deserialization", Header(DeadLetterHeaders.Stage));
        Assert.Equal("numbers", Header(DeadLetterHeaders.SourceTopic));
        Assert.Equal("1", Header(DeadLetterHeaders.SourcePartition));
        Assert.Equal("1", Header(DeadLetterHeaders.SourceOffset));
        Assert.Contains("8 bytes", Header(DeadLetterHeaders.Reason));
    }

    [Fact]
    public void A_failing_record_under_the_fail_handler_moves_the_application_to_error_with_the_cause()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("numbers", 1);
        cluster.CreateTopic("doubled", 1);
        TopicIo.Produce(cluster, "numbers", [(0, "bad"u8.ToArray(), [1, 2, 3])]);
        var topology = new Topology()
            .AddSource("source", "numbers", Serdes.String, Serdes.Long)
            .AddProcessor<string, long, string, long>("double", () => new Doubler(), "source")
            .AddSink("sink", "doubled", Serdes.String, Serdes.Long, "double");
        var options = Options(cluster, TempDirectory());
        var log = new List<string>();

        using var app = Start(cluster, topology, new StreamsOptions
        {
            ApplicationId = options.ApplicationId,
            BootstrapServers = options.BootstrapServers,
            StateDirectory = options.StateDirectory,
            PollTimeout = options.PollTimeout,
            ErrorHandler = ErrorHandlerChoice.Fail,
        }, log);
        WaitForState(app, KafkaStreamsState.Error);

        Assert.IsType<StreamsException>(app.Failure);
        Assert.Contains("numbers-0 offset 0", app.Failure!.Message);
        lock (log)
        {
            Assert.Contains(log, line => line.Contains("died", StringComparison.Ordinal) && line.Contains("numbers-0 offset 0", StringComparison.Ordinal));
        }

        Assert.True(app.Close(TimeSpan.FromSeconds(20)));
        Assert.Equal(KafkaStreamsState.NotRunning, app.State);
    }

    [Fact]
    public void Start_refuses_source_topics_that_are_not_co_partitioned()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("left", 2);
        cluster.CreateTopic("right", 3);
        var topology = new Topology()
            .AddSource("source", ["left", "right"], Serdes.String, Serdes.String)
            .AddProcessor<string, string, string, string>("pass", () => new PassThrough(), "source")
            .AddSink("sink", "out", Serdes.String, Serdes.String, "pass");

        using var app = new KafkaStreams(topology, Options(cluster, TempDirectory()), new MockTopicAdmin(cluster)) { Log = _ => { } };
        var error = Assert.Throws<InvalidOperationException>(app.Start);

        Assert.Contains("left (2 partitions)", error.Message);
        Assert.Contains("right (3 partitions)", error.Message);
        Assert.Equal(KafkaStreamsState.Created, app.State);
    }

    private sealed class Doubler : IProcessor<string, long, string, long>
    {
        private IProcessorContext<string, long>? _context;

        public void Init(IProcessorContext<string, long> context) => _context = context;

        public void Process(Record<string, long> record) => _context!.Forward(record.WithValue(record.Value * 2));

        public void Close()
        {
        }
    }

    private sealed class PassThrough : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record) => _context!.Forward(record);

        public void Close()
        {
        }
    }
}
