using RecoStreams.Streams.Dsl;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.Testing;
using Xunit;

namespace RecoStreams.Streams.Tests.Dsl;

public sealed class StreamStreamJoinTests
{
    private static readonly JoinWindows TenSecondsBeforeOneAfter =
        JoinWindows.OfTimeDifferenceAndGrace(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)).Before(TimeSpan.FromSeconds(10));

    /// <summary>clicks (left) joined with impressions (right) by request id; output "click|impression" or "click|-".</summary>
    private static Streams.Topology ClicksWithImpressions(bool left, bool rekeyClicks = false)
    {
        var builder = new StreamsBuilder();
        var clicks = builder.Stream("clicks", Serdes.String, Serdes.String);
        if (rekeyClicks)
        {
            clicks = clicks.SelectKey((_, value) => value.Split(':')[0], Serdes.String);
        }

        var impressions = builder.Stream("impressions", Serdes.String, Serdes.String);
        var joined = new StreamJoined<string, string, string>("attribution");
        var result = left
            ? clicks.LeftJoin(impressions, (click, impression) => $"{click}|{impression ?? "-"}", TenSecondsBeforeOneAfter, joined, Serdes.String)
            : clicks.Join(impressions, (click, impression) => $"{click}|{impression}", TenSecondsBeforeOneAfter, joined, Serdes.String);
        result.To("attributed");
        return builder.Build();
    }

    [Fact]
    public void Inner_join_pairs_records_of_one_key_within_the_window_whichever_arrives_first()
    {
        using var driver = new TopologyTestDriver(ClicksWithImpressions(left: false));
        var clicks = driver.CreateInputTopic("clicks", Serdes.String, Serdes.String);
        var impressions = driver.CreateInputTopic("impressions", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("attributed", Serdes.String, Serdes.String);

        impressions.PipeInput("r1", "shown-1", timestamp: 1_000);
        clicks.PipeInput("r1", "click-a", timestamp: 5_000);   // 4 s after: within 10 s before
        clicks.PipeInput("r2", "click-b", timestamp: 5_500);   // its impression comes 0.5 s later: within 1 s after
        impressions.PipeInput("r2", "shown-2", timestamp: 6_000);
        clicks.PipeInput("r1", "click-c", timestamp: 12_000);  // 11 s after shown-1: outside
        impressions.PipeInput("r3", "shown-3", timestamp: 12_000);
        clicks.PipeInput("r4", "click-d", timestamp: 12_000);  // other key

        var results = output.ReadRecordsToList();
        Assert.Equal(["r1:click-a|shown-1", "r2:click-b|shown-2"], results.Select(r => $"{r.Key}:{r.Value}"));
        Assert.Equal([5_000L, 6_000L], results.Select(r => r.Timestamp)); // the later of the two timestamps
    }

    [Fact]
    public void Left_join_emits_an_unmatched_record_only_after_its_window_and_grace_closed()
    {
        using var driver = new TopologyTestDriver(ClicksWithImpressions(left: true));
        var clicks = driver.CreateInputTopic("clicks", Serdes.String, Serdes.String);
        var impressions = driver.CreateInputTopic("impressions", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("attributed", Serdes.String, Serdes.String);

        clicks.PipeInput("r1", "click-a", timestamp: 1_000);
        clicks.PipeInput("r2", "click-b", timestamp: 1_000);
        impressions.PipeInput("r1", "shown-1", timestamp: 1_800); // within 1 s after click-a: joins, no null result
        Assert.Equal(["r1:click-a|shown-1"], output.ReadRecordsToList().Select(r => $"{r.Key}:{r.Value}"));

        impressions.PipeInput("x", "other", timestamp: 4_000);    // window end 2 s + grace 2 s: not yet closed
        Assert.Empty(output.ReadRecordsToList());

        impressions.PipeInput("x", "other", timestamp: 4_001);    // closed: click-b is emitted unjoined, once
        impressions.PipeInput("x", "other", timestamp: 9_000);
        Assert.Equal(["r2:click-b|-"], output.ReadRecordsToList().Select(r => $"{r.Key}:{r.Value}"));
    }

    [Fact]
    public void Left_join_emits_a_late_record_at_once_instead_of_dropping_it()
    {
        using var driver = new TopologyTestDriver(ClicksWithImpressions(left: true));
        var clicks = driver.CreateInputTopic("clicks", Serdes.String, Serdes.String);
        var impressions = driver.CreateInputTopic("impressions", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("attributed", Serdes.String, Serdes.String);

        impressions.PipeInput("x", "other", timestamp: 60_000);
        clicks.PipeInput("r9", "click-late", timestamp: 1_000); // 59 s behind stream time, window + grace is 13 s

        Assert.Equal(["r9:click-late|-"], output.ReadRecordsToList().Select(r => $"{r.Key}:{r.Value}"));
    }

    [Fact]
    public void Right_record_after_the_left_was_emitted_unjoined_does_not_join_it_again()
    {
        using var driver = new TopologyTestDriver(ClicksWithImpressions(left: true));
        var clicks = driver.CreateInputTopic("clicks", Serdes.String, Serdes.String);
        var impressions = driver.CreateInputTopic("impressions", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("attributed", Serdes.String, Serdes.String);

        clicks.PipeInput("r1", "click-a", timestamp: 10_000);
        impressions.PipeInput("x", "other", timestamp: 13_500);   // click-a's window closed (10 s + 1 s + 2 s grace)
        impressions.PipeInput("r1", "shown-1", timestamp: 10_500); // would have matched, but click-a was already emitted

        Assert.Equal(["r1:click-a|-"], output.ReadRecordsToList().Select(r => $"{r.Key}:{r.Value}"));
    }

    [Fact]
    public void Join_keeps_both_sides_in_change_logged_window_stores_and_repartitions_a_rekeyed_side()
    {
        var description = ClicksWithImpressions(left: true, rekeyClicks: true).Describe("app");

        var joinSubtopology = Assert.Single(description.Subtopologies, s => s.Stores.Count > 0);
        Assert.Equal(["attribution-other-join", "attribution-outer-join", "attribution-this-join"], joinSubtopology.Stores.Order(StringComparer.Ordinal));
        Assert.Equal(["app-attribution-left-repartition"], joinSubtopology.RepartitionSourceTopics);
        Assert.Contains("app-attribution-this-join-changelog", joinSubtopology.ChangelogTopics.Select(t => t.Name));
    }

    [Fact]
    public void Join_windows_bound_each_side_separately_and_keep_records_for_the_window_plus_grace()
    {
        var windows = JoinWindows.OfTimeDifferenceAndGrace(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)).After(TimeSpan.FromSeconds(2));

        Assert.Equal((5_000L, 2_000L, 1_000L), (windows.BeforeMs, windows.AfterMs, windows.GraceMs));
        Assert.Equal(8_000L, windows.RetentionMs);
        Assert.Throws<ArgumentOutOfRangeException>(() => windows.Before(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Several_records_of_one_key_at_one_timestamp_all_join()
    {
        using var driver = new TopologyTestDriver(ClicksWithImpressions(left: false));
        var clicks = driver.CreateInputTopic("clicks", Serdes.String, Serdes.String);
        var impressions = driver.CreateInputTopic("impressions", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("attributed", Serdes.String, Serdes.String);

        clicks.PipeInput("r1", "click-a", timestamp: 2_000);
        clicks.PipeInput("r1", "click-b", timestamp: 2_000);
        impressions.PipeInput("r1", "shown-1", timestamp: 1_500);

        Assert.Equal(["click-a|shown-1", "click-b|shown-1"], output.ReadRecordsToList().Select(r => r.Value));
    }
}
