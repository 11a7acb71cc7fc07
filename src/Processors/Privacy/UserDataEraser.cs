using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;
using StreamSerdes = RecoStreams.Streams.Serialization.Serdes;

namespace RecoStreams.Processors.Privacy;

/// <summary>
/// Deletes one user from every user-keyed store of a by-user task: profile, list, dirty mark, dedup ids
/// (by key prefix) and the user's events parked for a missing item (those are keyed by item, so every
/// parked entry is read; the store is bounded per item). Deletes are tombstones in each changelog.
/// </summary>
public sealed class UserDataEraser
{
    private readonly IKeyValueStore<string, long> _eventIds;
    private readonly IKeyValueStore<string, PendingEvents> _pending;
    private readonly IKeyValueStore<string, UserProfile> _profiles;
    private readonly IKeyValueStore<string, long> _dirty;
    private readonly IKeyValueStore<string, RecommendationList> _lists;

    private UserDataEraser(
        IKeyValueStore<string, long> eventIds,
        IKeyValueStore<string, PendingEvents> pending,
        IKeyValueStore<string, UserProfile> profiles,
        IKeyValueStore<string, long> dirty,
        IKeyValueStore<string, RecommendationList> lists)
    {
        _eventIds = eventIds;
        _pending = pending;
        _profiles = profiles;
        _dirty = dirty;
        _lists = lists;
    }

    /// <summary>The eraser over the user-keyed stores of <paramref name="context"/>'s task.</summary>
    public static UserDataEraser Open<TKey, TValue>(IProcessorContext<TKey, TValue> context, PrivacyStores stores)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stores);
        return new UserDataEraser(
            context.GetStateStore<IKeyValueStore<string, long>>(stores.EventIds),
            context.GetStateStore<IKeyValueStore<string, PendingEvents>>(stores.PendingEnrichment),
            context.GetStateStore<IKeyValueStore<string, UserProfile>>(stores.Profiles),
            context.GetStateStore<IKeyValueStore<string, long>>(stores.DirtyUsers),
            context.GetStateStore<IKeyValueStore<string, RecommendationList>>(stores.Recommendations));
    }

    /// <summary>Every user with a profile and the time of their latest engagement.</summary>
    public List<KeyValuePair<string, long>> LastEngagements()
    {
        var users = new List<KeyValuePair<string, long>>();
        using var all = _profiles.All();
        while (all.MoveNext())
        {
            users.Add(new(all.Current.Key, all.Current.Value.LastEngagementMs));
        }

        return users;
    }

    /// <summary>Removes the user's entries; returns how many there were.</summary>
    public int Erase(string userId)
    {
        var removed = DeleteIfPresent(_profiles, userId) + DeleteIfPresent(_lists, userId) + DeleteIfPresent(_dirty, userId);
        removed += EraseEventIds(userId);
        removed += ErasePending(userId);
        return removed;
    }

    private static int DeleteIfPresent<TValue>(IKeyValueStore<string, TValue> store, string userId)
    {
        if (!store.TryGet(userId, out _))
        {
            return 0;
        }

        store.Delete(userId);
        return 1;
    }

    private int EraseEventIds(string userId)
    {
        var keys = new List<string>();
        using (var ids = _eventIds.PrefixScan(DeduplicationKeys.UserPrefix(userId), StreamSerdes.String))
        {
            while (ids.MoveNext())
            {
                keys.Add(ids.Current.Key);
            }
        }

        keys.ForEach(k => _eventIds.Delete(k));
        return keys.Count;
    }

    private int ErasePending(string userId)
    {
        var changed = new List<KeyValuePair<string, PendingEvents>>();
        var removed = 0;
        using (var all = _pending.All())
        {
            while (all.MoveNext())
            {
                var events = all.Current.Value.Events;
                var kept = events.Where(p => !string.Equals(p.Event.UserId, userId, StringComparison.Ordinal)).ToList();
                if (kept.Count != events.Count)
                {
                    removed += events.Count - kept.Count;
                    changed.Add(new(all.Current.Key, new PendingEvents(kept)));
                }
            }
        }

        foreach (var (itemId, kept) in changed)
        {
            if (kept.Events.Count == 0)
            {
                _pending.Delete(itemId);
            }
            else
            {
                _pending.Put(itemId, kept);
            }
        }

        return removed;
    }
}
