using RecoStreams.Streams.Runtime;
using Xunit;

namespace RecoStreams.Streams.Tests.Runtime;

public sealed class CheckpointThresholdTests
{
    private static readonly (string, int) A0 = ("a-changelog", 0);
    private static readonly (string, int) B0 = ("b-changelog", 0);

    private static Dictionary<(string Topic, int Partition), long> Offsets(params ((string, int) Partition, long Offset)[] entries) =>
        entries.ToDictionary(e => e.Partition, e => e.Offset);

    [Fact]
    public void An_advance_of_exactly_the_threshold_does_not_checkpoint_one_more_record_does()
    {
        var last = Offsets((A0, 500));

        Assert.False(CheckpointThreshold.Needed(false, last, Offsets((A0, 500 + StreamsOptions.DefaultCheckpointOffsetDelta)), StreamsOptions.DefaultCheckpointOffsetDelta));
        Assert.True(CheckpointThreshold.Needed(false, last, Offsets((A0, 501 + StreamsOptions.DefaultCheckpointOffsetDelta)), StreamsOptions.DefaultCheckpointOffsetDelta));
    }

    [Fact]
    public void The_advance_is_summed_over_every_changelog_partition()
    {
        var last = Offsets((A0, 100), (B0, 100));

        Assert.False(CheckpointThreshold.Needed(false, last, Offsets((A0, 105), (B0, 105)), threshold: 10));
        Assert.True(CheckpointThreshold.Needed(false, last, Offsets((A0, 106), (B0, 105)), threshold: 10));
    }

    [Fact]
    public void A_partition_missing_from_the_last_checkpoint_counts_from_offset_zero()
    {
        Assert.True(CheckpointThreshold.Needed(false, Offsets(), Offsets((A0, 11)), threshold: 10));
        Assert.False(CheckpointThreshold.Needed(false, Offsets((B0, 3)), Offsets((A0, 10), (B0, 3)), threshold: 10));
    }

    [Fact]
    public void An_enforced_checkpoint_is_written_even_when_nothing_advanced()
    {
        var last = Offsets((A0, 7));

        Assert.True(CheckpointThreshold.Needed(true, last, last, StreamsOptions.DefaultCheckpointOffsetDelta));
        Assert.False(CheckpointThreshold.Needed(false, last, last, threshold: 0));
    }
}
