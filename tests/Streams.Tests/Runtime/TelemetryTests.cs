using System.Diagnostics;
using System.Diagnostics.Metrics;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class TelemetryTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "reco-telemetry-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Records_are_counted_per_topic_and_node_and_each_dead_letter_is_told_with_a_bounded_reason()
    {
        using var telemetry = new StreamsTelemetry();
        var deadLettered = new List<DeadLetteredRecord>();
        telemetry.RecordDeadLettered += deadLettered.Add;
        var fixture = Fixture(telemetry);
        fixture.Start();
        fixture.Task.AddRecords(
        [
            TaskTestFixture.Record("in", 0, 0, 1, "a", "ok"),
            TaskTestFixture.Record("in", 0, 1, 2, "b", "bad"),
            TaskTestFixture.Record("in", 0, 2, 3, "c", "boom"),
        ]);
        fixture.ProcessAll();

        var counts = ObservedLongs(telemetry);
        Assert.Equal(3, counts[("recostreams.streams.records.processed", "in")]);
        Assert.Equal(3, counts[("recostreams.streams.processor.records", "check")]);
        Assert.Equal(1, counts[("recostreams.streams.processor.records", "out")]);
        Assert.Collection(
            deadLettered,
            d => Assert.Equal(("BadValue", "BadValue: 'bad' is not allowed", ErrorStage.Processing, 1L, "check"), (d.ReasonCode, d.Reason, d.Stage, d.Offset, d.Processor)),
            d => Assert.Equal(("InvalidOperationException", ErrorStage.Processing, 2L), (d.ReasonCode, d.Stage, d.Offset)));
        Assert.Equal("c"u8.ToArray(), deadLettered[1].Key);
    }

    [Fact]
    public void A_punctuation_runs_in_a_span_and_is_timed_per_processor()
    {
        using var telemetry = new StreamsTelemetry();
        var spans = new List<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StreamsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        var durations = new List<(double Seconds, string? Processor)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StreamsTelemetry.MeterName && instrument.Name == "recostreams.streams.punctuation.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) => durations.Add((value, Tag(tags, "processor"))));
        meters.Start();
        var fixture = Fixture(telemetry);
        fixture.Start();
        fixture.Task.AddRecords([TaskTestFixture.Record("in", 0, 0, 1, "a", "ok")]);
        fixture.ProcessAll();

        Assert.True(fixture.Task.MaybePunctuateStreamTime());

        var span = Assert.Single(spans, s => s.DisplayName == "punctuate check");
        Assert.Equal("stream-time", span.GetTagItem("recostreams.punctuation.type"));
        Assert.Equal("check", Assert.Single(durations).Processor);
    }

    [Theory]
    [InlineData("RatingOutOfRange: rating 7 is outside 0.5..5", null, "RatingOutOfRange")]
    [InlineData("schema id 9 unknown", "RecoStreams.Avro.AvroDecodeException", "AvroDecodeException")]
    [InlineData("no colon here", null, "no colon here")]
    public void Reason_code_is_the_exception_type_or_the_reason_before_its_colon(string reason, string? exceptionType, string expected) =>
        Assert.Equal(expected, StreamsTelemetry.ReasonCode(reason, exceptionType));

    [Fact]
    public void Reason_code_is_capped_so_a_free_text_reason_cannot_grow_a_label_without_bound() =>
        Assert.Equal(64, StreamsTelemetry.ReasonCode(new string('x', 500), null).Length);

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private TaskTestFixture Fixture(StreamsTelemetry telemetry) =>
        new(
            new Streams.Topology()
                .AddSource("events", "in", Serdes.String, Serdes.String)
                .AddProcessor("check", Processors.Of<string, string, string, string>(
                    (r, c) =>
                    {
                        if (r.Value == "boom")
                        {
                            throw new InvalidOperationException("boom");
                        }

                        if (r.Value == "bad")
                        {
                            c.ForwardToDeadLetter($"BadValue: '{r.Value}' is not allowed");
                            return;
                        }

                        c.Forward(r);
                    },
                    context => context.Schedule(TimeSpan.FromMilliseconds(10), PunctuationType.StreamTime, _ => { })), "events")
                .AddSink("out", "out", Serdes.String, Serdes.String, "check"),
            new StreamsOptions { ApplicationId = "telemetry", StateDirectory = _stateDirectory },
            [("in", 0)],
            telemetry: telemetry);

    /// <summary>The current value of every observable long counter of the telemetry's meter, by (instrument, first tag value).</summary>
    private static Dictionary<(string Instrument, string? Tag), long> ObservedLongs(StreamsTelemetry telemetry)
    {
        var values = new Dictionary<(string, string?), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StreamsTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => values[(instrument.Name, tags.Length > 0 ? tags[0].Value?.ToString() : null)] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(telemetry);
        return values;
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
