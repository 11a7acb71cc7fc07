using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Testing;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class ErrorHandlingTests
{
    private static Streams.Topology LongValuesTopology() =>
        new Streams.Topology()
            .AddSource("events", "in", Serdes.String, Serdes.Long)
            .AddProcessor("checker", Processors.Of<string, long, string, long>((r, c) =>
            {
                if (r.Value == 13)
                {
                    throw new InvalidOperationException("unlucky value");
                }

                if (r.Value < 0)
                {
                    c.ForwardToDeadLetter("negative values are invalid");
                    return;
                }

                c.Forward(r);
            }), "events")
            .AddSink("out", "out", Serdes.String, Serdes.Long, "checker");

    [Fact]
    public void Deserialization_error_sends_the_original_bytes_to_the_dlq_with_headers_and_processing_continues()
    {
        using var driver = new TopologyTestDriver(LongValuesTopology());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.Long);
        var dlq = driver.CreateOutputTopic("test-driver-dlq", Serdes.ByteArray, Serdes.ByteArray);

        input.PipeRawInput("user-1"u8.ToArray(), [1, 2, 3], timestamp: 5, new RecordHeaders().Add("trace", "t-1"));
        input.PipeInput("user-2", 42, timestamp: 6);

        var dead = dlq.ReadRecord();
        Assert.Equal("user-1"u8.ToArray(), dead.Key);
        Assert.Equal([1, 2, 3], dead.Value);
        Assert.Equal("deserialization", dead.Headers.LastString(DeadLetterHeaders.Stage));
        Assert.Equal("in", dead.Headers.LastString(DeadLetterHeaders.SourceTopic));
        Assert.Equal("0", dead.Headers.LastString(DeadLetterHeaders.SourcePartition));
        Assert.Equal("0", dead.Headers.LastString(DeadLetterHeaders.SourceOffset));
        Assert.Equal("events", dead.Headers.LastString(DeadLetterHeaders.Processor));
        Assert.Equal(typeof(SerializationException).FullName, dead.Headers.LastString(DeadLetterHeaders.ExceptionType));
        Assert.Contains("8 bytes", dead.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal("t-1", dead.Headers.LastString("trace"));
        Assert.Equal(new KeyValuePair<string, long>("user-2", 42), output.ReadKeyValue());
        Assert.True(dlq.IsEmpty);
    }

    [Fact]
    public void Processing_error_sends_the_original_record_to_the_dlq_naming_the_processor_and_processing_continues()
    {
        using var driver = new TopologyTestDriver(LongValuesTopology());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.Long);
        var dlq = driver.CreateOutputTopic("test-driver-dlq", Serdes.String, Serdes.Long);

        input.PipeInput("user-1", 13, timestamp: 5);
        input.PipeInput("user-2", 7, timestamp: 6);

        var dead = dlq.ReadRecord();
        Assert.Equal(("user-1", 13L), (dead.Key, dead.Value));
        Assert.Equal("processing", dead.Headers.LastString(DeadLetterHeaders.Stage));
        Assert.Equal("checker", dead.Headers.LastString(DeadLetterHeaders.Processor));
        Assert.Equal("unlucky value", dead.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.Headers.LastString(DeadLetterHeaders.ExceptionType));
        Assert.Equal("0", dead.Headers.LastString(DeadLetterHeaders.SourceOffset));
        Assert.Equal(new KeyValuePair<string, long>("user-2", 7), output.ReadKeyValue());
    }

    [Fact]
    public void A_processor_can_dead_letter_an_invalid_record_with_its_reason()
    {
        using var driver = new TopologyTestDriver(LongValuesTopology());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        var dlq = driver.CreateOutputTopic("test-driver-dlq", Serdes.String, Serdes.Long);

        input.PipeInput("user-1", -5, timestamp: 5);

        var dead = dlq.ReadRecord();
        Assert.Equal(-5, dead.Value);
        Assert.Equal("negative values are invalid", dead.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal("checker", dead.Headers.LastString(DeadLetterHeaders.Processor));
        Assert.Null(dead.Headers.LastString(DeadLetterHeaders.ExceptionType));
    }

    [Fact]
    public void Fail_handler_stops_with_a_message_naming_topic_partition_offset_and_node()
    {
        using var state = new TempDirectory();
        var options = new StreamsOptions { ApplicationId = "failing", StateDirectory = state.Path, ErrorHandler = ErrorHandlerChoice.Fail };
        using var driver = new TopologyTestDriver(LongValuesTopology(), options);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        input.PipeInput("user-1", 1, timestamp: 1);

        var processing = Assert.Throws<StreamsException>(() => input.PipeInput("user-2", 13, timestamp: 2));
        var deserialization = Assert.Throws<StreamsException>(() => input.PipeRawInput("k"u8.ToArray(), [1], timestamp: 3));

        Assert.Equal(
            "Processing the record at in-0 offset 1 failed in task 0_0, node 'checker': InvalidOperationException: unlucky value. " +
            "The error handler is set to fail, so the task stops.",
            processing.Message);
        Assert.StartsWith("Deserializing the record at in-0 offset 2 failed in task 0_0, node 'events'", deserialization.Message);
        Assert.Empty(driver.CreateOutputTopic("failing-dlq", Serdes.String, Serdes.Long).ReadRecordsToList());
    }
}
