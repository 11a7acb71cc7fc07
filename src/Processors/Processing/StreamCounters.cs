namespace RecoStreams.Processors.Processing;

/// <summary>
/// Counts of records the domain processors applied, dropped or diverted, shared by every task of an
/// instance and read by the host (metrics endpoint) and benchmarks. Updated with Interlocked: tasks run on
/// several stream threads. Durations are handed out as events for the host to put into histograms.
/// </summary>
public sealed class StreamCounters
{
    private long _invalidEvents;
    private long _duplicatesDropped;
    private long _pendingHeld;
    private long _pendingExpired;
    private long _lateWindowUpdatesDropped;
    private long _recommendationsEmitted;
    private long _joinMisses;
    private long _eventsApplied;
    private long _itemUpdatesSent;
    private long _itemUpdatesApplied;
    private long _itemStatsPublished;
    private long _consentMissing;
    private long _erasedUserRecords;
    private long _usersErased;
    private long _usersAwaitingCatchUp;
    private long _listsRecomputed;

    /// <summary>
    /// Raised on the stream thread when a changed list is emitted after the user's events: the time from the
    /// user's latest engagement (its event time) to the emit.
    /// </summary>
    public event Action<TimeSpan>? RecommendationFreshness;

    /// <summary>Raised on the stream thread per published ItemStats: how long the item's latest update waited for it.</summary>
    public event Action<TimeSpan>? ItemStatsPublishLag;

    public long InvalidEvents => Interlocked.Read(ref _invalidEvents);

    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    /// <summary>Events parked because their item was not (yet) in the catalog.</summary>
    public long PendingHeld => Interlocked.Read(ref _pendingHeld);

    /// <summary>Parked events dead-lettered: TTL passed or the per-item bound overflowed.</summary>
    public long PendingExpired => Interlocked.Read(ref _pendingExpired);

    /// <summary>Window updates skipped because the window had closed (past its grace).</summary>
    public long LateWindowUpdatesDropped => Interlocked.Read(ref _lateWindowUpdatesDropped);

    public long RecommendationsEmitted => Interlocked.Read(ref _recommendationsEmitted);

    /// <summary>Lists computed for a user (changed or not): what the recompute punctuator and refresh requests cost.</summary>
    public long ListsRecomputed => Interlocked.Read(ref _listsRecomputed);

    /// <summary>
    /// Dirty users whose recompute the last pass of their task left for the next catch-up pass (their latest event
    /// was older than <see cref="Options.RecommenderOptions.CatchUpEventAge"/>); 0 when every list is up to date.
    /// </summary>
    public long UsersAwaitingCatchUp => Interlocked.Read(ref _usersAwaitingCatchUp);

    /// <summary>Events whose item left the catalog between the enrichment gate and the profile join.</summary>
    public long JoinMisses => Interlocked.Read(ref _joinMisses);

    /// <summary>Events folded into a user profile (the end of the by-user path for an event).</summary>
    public long EventsApplied => Interlocked.Read(ref _eventsApplied);

    /// <summary>Item update records (a signal with its item's pairs, or one pair) sent to the by-item subtopology.</summary>
    public long ItemUpdatesSent => Interlocked.Read(ref _itemUpdatesSent);

    /// <summary>Item updates folded into an item's aggregate; equals <see cref="ItemUpdatesSent"/> when the by-item side has caught up.</summary>
    public long ItemUpdatesApplied => Interlocked.Read(ref _itemUpdatesApplied);

    /// <summary>ItemStats records published by the item punctuator.</summary>
    public long ItemStatsPublished => Interlocked.Read(ref _itemStatsPublished);

    /// <summary>Records of users without consent to personalisation, dropped before validation (never dead-lettered).</summary>
    public long ConsentMissingDropped => Interlocked.Read(ref _consentMissing);

    /// <summary>Records of erased users dropped because they are not newer than the erase.</summary>
    public long ErasedUserRecordsDropped => Interlocked.Read(ref _erasedUserRecords);

    /// <summary>Users whose data was removed: on request, on withdrawn consent or by the retention sweep.</summary>
    public long UsersErased => Interlocked.Read(ref _usersErased);

    internal void ConsentMissing() => Interlocked.Increment(ref _consentMissing);

    internal void ErasedUserRecord() => Interlocked.Increment(ref _erasedUserRecords);

    internal void UserErased() => Interlocked.Increment(ref _usersErased);

    internal void EventApplied(int itemUpdates)
    {
        Interlocked.Increment(ref _eventsApplied);
        Interlocked.Add(ref _itemUpdatesSent, itemUpdates);
    }

    internal void ItemUpdateApplied() => Interlocked.Increment(ref _itemUpdatesApplied);

    internal void InvalidEvent() => Interlocked.Increment(ref _invalidEvents);

    internal void DuplicateDropped() => Interlocked.Increment(ref _duplicatesDropped);

    internal void Held() => Interlocked.Increment(ref _pendingHeld);

    internal void Expired() => Interlocked.Increment(ref _pendingExpired);

    internal void LateWindowUpdates(int count) => Interlocked.Add(ref _lateWindowUpdatesDropped, count);

    internal void JoinMissed() => Interlocked.Increment(ref _joinMisses);

    /// <param name="freshnessMs">Emit time minus the user's latest event time; null for lists not caused by an event (refresh requests).</param>
    internal void RecommendationEmitted(long? freshnessMs)
    {
        Interlocked.Increment(ref _recommendationsEmitted);
        if (freshnessMs is { } ms)
        {
            RecommendationFreshness?.Invoke(TimeSpan.FromMilliseconds(Math.Max(0, ms)));
        }
    }

    internal void ListRecomputed() => Interlocked.Increment(ref _listsRecomputed);

    internal void UsersAwaitingCatchUpChanged(long by) => Interlocked.Add(ref _usersAwaitingCatchUp, by);

    internal void ItemStatsPublishedAfter(long waitedMs)
    {
        Interlocked.Increment(ref _itemStatsPublished);
        ItemStatsPublishLag?.Invoke(TimeSpan.FromMilliseconds(Math.Max(0, waitedMs)));
    }
}
