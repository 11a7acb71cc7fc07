using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class UserSampleTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000);

    private static Gen<List<EngagementEvent>> Logs =>
        Gen.ListOf(
            from user in Gen.Choose(1, 40)
            from item in Gen.Choose(1, 30)
            from second in Gen.Choose(0, 10_000)
            select new EngagementEvent($"e:{user}:{item}:{second}", $"u{user}", $"i{item}", EventType.Rating, Start.AddSeconds(second), 4.0))
        .Select(events => events.ToList());

    [Fact]
    public void A_sample_keeps_every_event_of_its_users_and_none_of_the_others_in_log_order()
    {
        var cases = from log in Logs from users in Gen.Choose(0, 45) from seed in Gen.Choose(-5, 5) select (log, users, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var sample = UserSample.Keep(c.log, c.users, c.seed);
            var kept = sample.Select(e => e.UserId).ToHashSet();

            Assert.Equal(Math.Min(c.users, c.log.Select(e => e.UserId).Distinct().Count()), kept.Count);
            Assert.Equal(c.log.Where(e => kept.Contains(e.UserId)).ToList(), sample);
        }));
    }

    [Fact]
    public void A_larger_sample_of_the_same_seed_holds_the_smaller_and_the_same_seed_gives_the_same_sample()
    {
        var cases = from log in Logs from users in Gen.Choose(0, 40) from seed in Gen.Choose(-5, 5) select (log, users, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var smaller = UserSample.Keep(c.log, c.users, c.seed).Select(e => e.UserId).ToHashSet();
            var larger = UserSample.Keep(c.log, c.users + 1, c.seed).Select(e => e.UserId).ToHashSet();

            Assert.Subset(larger, smaller);
            Assert.Equal(smaller, UserSample.Keep(c.log, c.users, c.seed).Select(e => e.UserId).ToHashSet());
        }));
    }

    [Fact]
    public void Seeds_choose_different_users()
    {
        var log = Enumerable.Range(1, 200).Select(u => new EngagementEvent($"e{u}", $"u{u}", "i1", EventType.Rating, Start, 4.0)).ToList();

        var one = UserSample.Keep(log, 20, seed: 1).Select(e => e.UserId).ToHashSet();
        var two = UserSample.Keep(log, 20, seed: 2).Select(e => e.UserId).ToHashSet();

        Assert.NotEqual(one, two);
    }

    [Theory]
    [InlineData("", 0xcbf29ce484222325)]
    [InlineData("a", 0xaf63dc4c8601ec8c)]
    [InlineData("foobar", 0x85944171f73967e8)]
    public void The_rank_hash_is_FNV_1a_64_so_a_sample_is_the_same_on_every_machine(string input, ulong expected) =>
        Assert.Equal(expected, UserSample.Fnv1a64(System.Text.Encoding.ASCII.GetBytes(input)));
}
