using Xunit;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>
/// A crash loses nothing: the real service, killed with SIGKILL 20 times at random moments while events keep
/// arriving, ends with every accepted event in its user's profile and in the by-item repartition topic, and
/// recommendation-updated versions that increase and chain. Exactly-once also counts nothing twice; librdkafka's
/// mock cannot run transactions with offsets, so that half needs a real broker.
/// </summary>
public sealed class KillNineTests
{
    private const int Kills = 20;

    /// <summary>
    /// The mock keeps at most 5 MiB per partition and drops the oldest records beyond (rdkafka_mock.c). A run
    /// writes up to 21 by-item records per event, replays included; twelve partitions and LZ4-compressed
    /// batches (see KillNineRun) keep the repartition topic well below that.
    /// </summary>
    private const int Partitions = 12;

    [Fact]
    public async Task At_least_once_loses_no_accepted_event_across_twenty_kill_9s_on_the_mock_cluster()
    {
        using var cluster = CrashCluster.Mock(Partitions);
        var figures = await new KillNineRun(cluster, "AtLeastOnce", Kills, Log).RunAsync();

        Assert.Equal(Kills, figures.Kills);
        Assert.True(figures.AcceptedEvents > 0);
        Assert.Equal(0, figures.LostFromProfiles);
        Assert.Equal(0, figures.LostFromRepartition);
        Assert.Equal(0, figures.VersionRegressions);
        Assert.Equal(0, figures.BrokenChains);
    }

    [Fact]
    public async Task Exactly_once_neither_loses_nor_double_counts_across_twenty_kill_9s_on_a_real_broker()
    {
        using var cluster = CrashCluster.RealBroker(Partitions);
        if (cluster is null)
        {
            Assert.Skip($"needs a real Kafka broker (2.4 or newer) in {CrashCluster.RealBrokerVariable}: librdkafka's mock cluster " +
                "does not store offsets sent with SendOffsetsToTransaction, so exactly-once cannot run on it.");
        }

        var figures = await new KillNineRun(cluster, "ExactlyOnce", Kills, Log).RunAsync();

        Assert.Equal(Kills, figures.Kills);
        Assert.True(figures.AcceptedEvents > 0);
        Assert.Equal(0, figures.LostFromProfiles);
        Assert.Equal(0, figures.CountedTwiceInProfiles);
        Assert.Equal(0, figures.LostFromRepartition);
        Assert.Equal(0, figures.DuplicatedInRepartition);
        Assert.Equal(0, figures.VersionRegressions);
        Assert.Equal(0, figures.BrokenChains);
    }

    /// <summary>To the console as well, so CI's log shows the figures.</summary>
    private static void Log(string line)
    {
        Console.WriteLine("[kill-9] " + line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
