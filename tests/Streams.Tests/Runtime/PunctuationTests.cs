using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Testing;
using RecoStreams.Streams.Tests.Support;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class PunctuationTests
{
    [Fact]
    public void Stream_time_punctuators_fire_at_each_crossed_boundary_in_schedule_order_and_stop_when_cancelled()
    {
        var fired = new List<string>();
        ICancellable? second = null;
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.Of<string, string, string, string>(
                (_, _) => { },
                context =>
                {
                    context.Schedule(TimeSpan.FromMilliseconds(10), PunctuationType.StreamTime, t => fired.Add($"A@{t}"));
                    second = context.Schedule(TimeSpan.FromMilliseconds(10), PunctuationType.StreamTime, t => fired.Add($"B@{t}"));
                    context.Schedule(TimeSpan.FromMilliseconds(5), PunctuationType.WallClockTime, t => fired.Add($"W@{t}"));
                }), "s");
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "v", timestamp: 3);   // first record: both fire (aligned to 0)
        input.PipeInput("k", "v", timestamp: 9);   // no boundary crossed
        input.PipeInput("k", "v", timestamp: 25);  // crosses 10 and 20: fires once, at 25
        second!.Cancel();
        input.PipeInput("k", "v", timestamp: 31);  // only A remains

        Assert.Equal(["A@3", "B@3", "A@25", "B@25", "A@31"], fired);
    }

    [Fact]
    public void Wall_clock_punctuators_follow_the_mock_clock_not_record_time()
    {
        var fired = new List<string>();
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.Of<string, string, string, string>(
                (_, _) => { },
                context =>
                {
                    context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.WallClockTime, t => fired.Add($"W1@{t}"));
                    context.Schedule(TimeSpan.FromMilliseconds(500), PunctuationType.WallClockTime, t => fired.Add($"W2@{t}"));
                    context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.StreamTime, t => fired.Add($"S@{t}"));
                }), "s");
        using var driver = new TopologyTestDriver(topology, initialWallClockMs: 0);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(500));
        driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(600));
        input.PipeInput("k", "v", timestamp: 1_000_000);

        Assert.Equal(["W2@500", "W1@1100", "W2@1100", "S@1000000"], fired);
    }

    [Fact]
    public void Stream_time_is_the_largest_timestamp_processed_so_far()
    {
        var observed = new List<long>();
        var topology = new Streams.Topology()
            .AddSource("s", "in", Serdes.String, Serdes.String)
            .AddProcessor("p", Processors.Of<string, string, string, string>((_, c) => observed.Add(c.CurrentStreamTimeMs)), "s");
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        foreach (var timestamp in new long[] { 100, 50, 300, 200 })
        {
            input.PipeInput("k", "v", timestamp);
        }

        Assert.Equal([100, 100, 300, 300], observed);
    }
}
