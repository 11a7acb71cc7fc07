using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Tests.Processing;
using RecoStreams.Streams.State;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Privacy;

public sealed class PrivacyProcessorsTests
{
    private static EngagementEvent At(ByUserTopology t, string user, string item, string? id = null, DateTimeOffset? at = null) =>
        Event(user, item, EventType.Like, at ?? t.Now, id: id);

    /// <summary>Two users with profiles, lists, dedup ids, and one event each parked for a missing item.</summary>
    private static ByUserTopology WithTwoUsers(PrivacyOptions? privacy = null)
    {
        var t = new ByUserTopology(privacy: privacy);
        t.AddItem(Item("a", ["Drama"]), popularity: 50);
        t.AddItem(Item("b", ["Drama"]), popularity: 40);
        t.AddItem(Item("c", ["Drama"]), popularity: 30);
        foreach (var user in new[] { "alice", "bob" })
        {
            t.Send(At(t, user, "a", id: user + "-e1"));
            t.Send(At(t, user, "missing", id: user + "-e2"));
        }

        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        t.RecommendationOutput.ReadRecordsToList();
        t.ItemUpdateOutput.ReadRecordsToList();
        return t;
    }

    private static List<string> KeysAndValuesMentioning(ByUserTopology t, string userId)
    {
        var found = new List<string>();
        void Keys<TValue>(string name)
        {
            using var all = t.Driver.GetKeyValueStore<string, TValue>(name).All();
            while (all.MoveNext())
            {
                if (all.Current.Key.Contains(userId, StringComparison.Ordinal))
                {
                    found.Add($"{name}:{all.Current.Key}");
                }
            }
        }

        Keys<UserProfile>("profiles");
        Keys<long>("dirty-users");
        Keys<RecommendationList>("recommendations");
        Keys<long>("event-ids");

        using var pending = t.Driver.GetKeyValueStore<string, PendingEvents>("pending").All();
        while (pending.MoveNext())
        {
            found.AddRange(pending.Current.Value.Events.Where(p => p.Event.UserId == userId).Select(p => "pending:" + p.Event.EventId));
        }

        return found;
    }

    [Fact]
    public void An_erase_removes_the_user_from_every_user_keyed_store_and_leaves_other_users_alone()
    {
        using var t = WithTwoUsers();
        Assert.NotEmpty(KeysAndValuesMentioning(t, "alice"));

        t.Erase("alice");

        Assert.Empty(KeysAndValuesMentioning(t, "alice"));
        Assert.Equal(
            ["event-ids:3:bob|bob-e1", "event-ids:3:bob|bob-e2", "pending:bob-e2", "profiles:bob", "recommendations:bob"],
            KeysAndValuesMentioning(t, "bob").Order(StringComparer.Ordinal));
        Assert.Equal(1, t.Counters.UsersErased);
    }

    [Fact]
    public void An_erase_emits_an_audit_event_with_the_keyed_hash_only_and_list_and_consent_tombstones()
    {
        using var t = WithTwoUsers();

        t.Erase("alice");

        var audit = Assert.Single(t.AuditOutput.ReadRecordsToList());
        Assert.Equal(t.Hash.Of("alice"), audit.Key);
        Assert.Equal(t.Hash.Of("alice"), audit.Value.UserIdHash);
        Assert.DoesNotContain("alice", audit.Key, StringComparison.Ordinal);
        Assert.Equal(ErasureReason.Request, audit.Value.Reason);
        Assert.True(audit.Value.EntriesRemoved >= 4, $"removed {audit.Value.EntriesRemoved}");
        var list = Assert.Single(t.RecommendationOutput.ReadRecordsToList());
        Assert.Equal(("alice", (RecommendationUpdate?)null), (list.Key, (RecommendationUpdate?)list.Value));
        var consent = Assert.Single(t.ConsentOutput.ReadRecordsToList());
        Assert.Equal(("alice", (ConsentRecord?)null), (consent.Key, (ConsentRecord?)consent.Value));
    }

    [Fact]
    public void Events_not_newer_than_the_erase_are_dropped_and_newer_ones_build_a_new_profile()
    {
        using var t = WithTwoUsers();
        var before = t.Now.AddMinutes(-1);
        t.Erase("alice");

        t.Send(At(t, "alice", "b", id: "replayed", at: before));
        t.Send(At(t, "alice", "b", id: "alice-e1", at: t.Now));
        Assert.Equal(2, t.Counters.ErasedUserRecordsDropped);
        Assert.Null(t.Driver.GetKeyValueStore<string, UserProfile>("profiles").Get("alice"));

        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        t.Send(At(t, "alice", "b", id: "fresh"));
        Assert.NotNull(t.Driver.GetKeyValueStore<string, UserProfile>("profiles").Get("alice"));
    }

    [Fact]
    public void Without_consent_events_are_dropped_before_validation_counted_and_never_dead_lettered()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a"));
        t.SetConsent("carol", personalisation: false);

        t.Send(At(t, "carol", "a"));
        t.Send(Event("carol", "a", EventType.Rating, t.Now, rating: 99));
        t.RefreshInput.PipeInput("carol", new RefreshRequest("carol", t.Now), t.Driver.WallClockMs);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        Assert.Equal(3, t.Counters.ConsentMissingDropped);
        Assert.True(t.DlqOutput.IsEmpty);
        Assert.True(t.ItemUpdateOutput.IsEmpty);
        Assert.True(t.RecommendationOutput.IsEmpty);
        Assert.Empty(KeysAndValuesMentioning(t, "carol"));

        t.SetConsent("carol", personalisation: true);
        t.Send(At(t, "carol", "a", id: "after-consent"));
        Assert.NotNull(t.Driver.GetKeyValueStore<string, UserProfile>("profiles").Get("carol"));
    }

    [Fact]
    public void With_opt_in_by_default_only_users_who_consented_are_personalised()
    {
        using var t = new ByUserTopology(privacy: new PrivacyOptions { PersonalisationByDefault = false });
        t.AddItem(Item("a"));
        t.SetConsent("dave", personalisation: true);

        t.Send(At(t, "dave", "a"));
        t.Send(At(t, "erin", "a"));

        var profiles = t.Driver.GetKeyValueStore<string, UserProfile>("profiles");
        Assert.NotNull(profiles.Get("dave"));
        Assert.Null(profiles.Get("erin"));
        Assert.Equal(1, t.Counters.ConsentMissingDropped);
    }

    [Fact]
    public void A_withdrawn_consent_erases_the_profile_but_keeps_the_consent_record()
    {
        using var t = WithTwoUsers();
        t.SetConsent("alice", personalisation: false);

        t.Erase("alice", ErasureReason.ConsentWithdrawn);

        Assert.Empty(KeysAndValuesMentioning(t, "alice"));
        Assert.Equal(ErasureReason.ConsentWithdrawn, t.AuditOutput.ReadValue().Reason);
        Assert.True(t.ConsentOutput.IsEmpty);
    }

    [Fact]
    public void The_retention_sweep_removes_inactive_users_and_keeps_active_ones()
    {
        var privacy = new PrivacyOptions { InactiveUserRetention = TimeSpan.FromDays(30), RetentionSweepInterval = TimeSpan.FromHours(1) };
        using var t = WithTwoUsers(privacy);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromDays(29));
        t.Send(At(t, "bob", "b", id: "bob-recent"));

        t.Driver.AdvanceWallClockTime(TimeSpan.FromDays(2));

        Assert.DoesNotContain(KeysAndValuesMentioning(t, "alice"), k => !k.StartsWith("pending:", StringComparison.Ordinal));
        Assert.NotNull(t.Driver.GetKeyValueStore<string, UserProfile>("profiles").Get("bob"));
        var audit = t.AuditOutput.ReadRecordsToList();
        Assert.Equal([(t.Hash.Of("alice"), ErasureReason.Retention)], audit.Select(a => (a.Key, a.Value.Reason)));
        Assert.Contains(t.RecommendationOutput.ReadRecordsToList(), r => r.Key == "alice" && r.Value is null);
    }

    [Fact]
    public void Erase_watermarks_are_forgotten_after_their_retention()
    {
        var privacy = new PrivacyOptions { EraseWatermarkRetention = TimeSpan.FromDays(7), RetentionSweepInterval = TimeSpan.FromHours(1) };
        using var t = WithTwoUsers(privacy);
        t.Erase("alice");
        var watermarks = t.Driver.GetKeyValueStore<string, long>("erase-watermarks");
        Assert.True(watermarks.TryGet(t.Hash.Of("alice"), out _));

        t.Driver.AdvanceWallClockTime(TimeSpan.FromDays(8));

        Assert.Equal(0, watermarks.ApproximateNumEntries);
    }

    [Fact]
    public void The_user_id_hash_depends_on_the_key_and_never_contains_the_id()
    {
        var a = new UserIdHash("key-a");
        Assert.Equal(a.Of("alice"), new UserIdHash("key-a").Of("alice"));
        Assert.NotEqual(a.Of("alice"), new UserIdHash("key-b").Of("alice"));
        Assert.NotEqual(a.Of("alice"), a.Of("bob"));
        Assert.Matches("^[0-9a-f]{64}$", a.Of("alice"));
    }

    [Fact]
    public void Dedup_keys_of_one_user_never_share_a_prefix_with_another_users_keys()
    {
        Assert.StartsWith(DeduplicationKeys.UserPrefix("u1"), DeduplicationKeys.For("u1", "e"), StringComparison.Ordinal);
        Assert.False(DeduplicationKeys.For("u10", "e").StartsWith(DeduplicationKeys.UserPrefix("u1"), StringComparison.Ordinal));
        Assert.False(DeduplicationKeys.For("u1|x", "e").StartsWith(DeduplicationKeys.UserPrefix("u1"), StringComparison.Ordinal));
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_naming_the_setting()
    {
        Assert.Contains("RetentionSweepInterval", Assert.Throws<ArgumentException>(() => new PrivacyOptions { RetentionSweepInterval = TimeSpan.Zero }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("UserIdHashKey", Assert.Throws<ArgumentException>(() => new PrivacyOptions { UserIdHashKey = "" }.Validate()).Message, StringComparison.Ordinal);
        new PrivacyOptions().Validate();
    }
}
