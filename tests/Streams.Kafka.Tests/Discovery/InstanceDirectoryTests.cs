using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Discovery;
using RecoStreams.Streams.Processor;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Discovery;

public sealed class InstanceDirectoryTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);
    private static readonly TaskId Task0 = new(1, 0);
    private static readonly TaskId Task1 = new(1, 1);

    [Fact]
    public void The_instance_advertising_a_task_is_its_active_host()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 1_000, Task0));
        directory.Apply(Ad("b:2", 1_000, Task1));

        Assert.Equal("a:1", directory.ActiveHost(Task0, 2_000));
        Assert.Equal("b:2", directory.ActiveHost(Task1, 2_000));
        Assert.Null(directory.ActiveHost(new TaskId(1, 2), 2_000));
    }

    [Fact]
    public void During_a_move_the_newer_claim_wins()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 1_000, Task0, Task1));
        directory.Apply(Ad("b:2", 1_500, Task1));

        Assert.Equal("b:2", directory.ActiveHost(Task1, 2_000));
        Assert.Equal("a:1", directory.ActiveHost(Task0, 2_000));
    }

    [Fact]
    public void An_older_advertisement_of_the_same_instance_does_not_replace_a_newer_one()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 2_000, Task1));
        directory.Apply(Ad("a:1", 1_000, Task0));

        Assert.Null(directory.ActiveHost(Task0, 2_500));
        Assert.Equal("a:1", directory.ActiveHost(Task1, 2_500));
    }

    [Fact]
    public void Of_two_advertisements_of_one_instance_with_the_same_timestamp_the_later_applied_stands()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 1_000, Task0));
        directory.Apply(Ad("a:1", 1_000, Task1));

        Assert.Null(directory.ActiveHost(Task0, 1_500));
        Assert.Equal("a:1", directory.ActiveHost(Task1, 1_500));
    }

    [Fact]
    public void A_crashed_instance_stops_counting_once_its_advertisement_expires()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 1_000, Task0));

        Assert.Equal("a:1", directory.ActiveHost(Task0, 1_000 + (long)Expiry.TotalMilliseconds));
        Assert.Null(directory.ActiveHost(Task0, 1_001 + (long)Expiry.TotalMilliseconds));
        Assert.Empty(directory.Instances(1_001 + (long)Expiry.TotalMilliseconds));
    }

    [Fact]
    public void A_tombstone_removes_the_instance_at_once()
    {
        var directory = new InstanceDirectory(Expiry);
        directory.Apply(Ad("a:1", 1_000, Task0));
        directory.Apply(Ad("b:2", 1_000, Task1));
        directory.Remove("a:1");

        Assert.Null(directory.ActiveHost(Task0, 1_000));
        Assert.Equal(["b:2"], directory.Instances(1_000).Select(a => a.Endpoint));
    }

    [Fact]
    public void The_active_host_is_always_a_live_instance_that_claims_the_task_with_the_newest_claim()
    {
        var endpoints = Gen.Elements("a:1", "b:2", "c:3");
        var tasks = Gen.Choose(0, 3).Select(p => new TaskId(1, p)).ListOf().Select(t => t.Distinct().ToList());
        var ad =
            from endpoint in endpoints
            from claimed in tasks
            from timestamp in Gen.Choose(0, 30_000)
            select new InstanceAdvertisement(endpoint, claimed, KafkaStreamsState.Running, timestamp);
        var ads = ad.ListOf().Select(l => l.ToList());
        var prop = Prop.ForAll(ads.ToArbitrary(), Gen.Choose(0, 40_000).ToArbitrary(), (applied, now) =>
        {
            var directory = new InstanceDirectory(Expiry);
            applied.ForEach(directory.Apply);
            // Of two advertisements with the same timestamp the one applied later stands, as in a compacted topic.
            var latestPerEndpoint = applied.GroupBy(a => a.Endpoint)
                .Select(g => g.Aggregate((kept, next) => next.TimestampMs >= kept.TimestampMs ? next : kept))
                .ToList();
            return Enumerable.Range(0, 4).Select(p => new TaskId(1, p)).All(task =>
            {
                var claims = latestPerEndpoint.Where(a => a.Tasks.Contains(task) && now - a.TimestampMs <= Expiry.TotalMilliseconds).ToList();
                var host = directory.ActiveHost(task, now);
                return claims.Count == 0
                    ? host is null
                    : claims.Any(c => c.Endpoint == host && c.TimestampMs == claims.Max(x => x.TimestampMs));
            });
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    private static InstanceAdvertisement Ad(string endpoint, long timestampMs, params TaskId[] tasks) =>
        new(endpoint, tasks, KafkaStreamsState.Running, timestampMs);
}
