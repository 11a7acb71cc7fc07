using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Affinity;

/// <summary>
/// Folds an enriched event into a <see cref="UserProfile"/> and derives the item-side signals: one
/// <see cref="ItemSignal"/>, and co-visitation pairs (both directions) with each of the user's last
/// <see cref="CoVisitationOptions.MaxRecentItems"/> positive engagements inside the session gap, the
/// d-th most recent weighing d^-<see cref="CoVisitationOptions.ProximityExponent"/>.
/// Only positive engagements pair up: a dislike says nothing about what goes together.
/// </summary>
public sealed class ProfileUpdater(AffinityOptions affinity, CoVisitationOptions coVisitation)
{
    private readonly EventWeights _weights = new(affinity);
    private readonly double _halfLifeMs = affinity.HalfLife.TotalMilliseconds;
    private readonly long _sessionGapMs = (long)coVisitation.SessionGap.TotalMilliseconds;

    public UserProfile NewProfile(string userId) =>
        new(userId, affinity.SeenExactCapacity, affinity.SeenBloomBits, affinity.DislikedCapacity);

    public ProfileUpdate Apply(UserProfile profile, EnrichedEvent enriched)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(enriched);
        var (e, item) = (enriched.Event, enriched.Item);
        var at = e.OccurredAtMs;
        var weight = _weights.WeightOf(e, item.DurationSeconds);

        foreach (var genre in item.Genres)
        {
            Bump(profile.Genres, genre, weight, at);
        }

        foreach (var creator in item.Creators)
        {
            Bump(profile.Creators, creator, weight, at);
        }

        foreach (var tag in item.Tags)
        {
            Bump(profile.Tags, tag, weight, at);
        }

        if (item.Language is { Length: > 0 } language)
        {
            Bump(profile.Languages, language, weight, at);
        }

        profile.Counts[e.Type] = profile.Counts.GetValueOrDefault(e.Type) + 1;
        profile.FirstEngagementMs = profile.FirstEngagementMs == 0 ? at : Math.Min(profile.FirstEngagementMs, at);
        profile.LastEngagementMs = Math.Max(profile.LastEngagementMs, at);
        profile.Seen.Add(e.ItemId);
        UpdateLikes(profile, e.ItemId, weight);

        var pairs = weight > 0 ? PairsWithRecent(profile, e.ItemId, at) : [];
        InsertRecent(profile, new RecentItem(e.ItemId, e.Type, weight, at));

        var signal = new ItemSignal(e.ItemId, e.UserId, e.Type, weight, at, item.Genres);
        return new ProfileUpdate(weight, signal, pairs);
    }

    private void UpdateLikes(UserProfile profile, string itemId, double weight)
    {
        if (weight < 0)
        {
            profile.Disliked.Add(itemId);
        }
        else if (weight > 0)
        {
            profile.PositiveInteractions++;
            profile.Disliked.Remove(itemId);
        }
    }

    private List<CoVisitationPair> PairsWithRecent(UserProfile profile, string itemId, long at)
    {
        var pairs = new List<CoVisitationPair>();
        var considered = 0;
        foreach (var recent in profile.Recent)
        {
            if (considered >= coVisitation.MaxRecentItems)
            {
                break;
            }

            if (recent.Weight <= 0 || recent.ItemId == itemId || Math.Abs(at - recent.AtMs) > _sessionGapMs)
            {
                continue;
            }

            considered++;
            var weight = Math.Pow(considered, -coVisitation.ProximityExponent);
            pairs.Add(new CoVisitationPair(itemId, recent.ItemId, weight, at));
            pairs.Add(new CoVisitationPair(recent.ItemId, itemId, weight, at));
        }

        return pairs;
    }

    private void InsertRecent(UserProfile profile, RecentItem item)
    {
        profile.Recent.RemoveAll(r => r.ItemId == item.ItemId);

        // Newest first; an out-of-order event lands at its place in time.
        var index = profile.Recent.FindIndex(r => r.AtMs <= item.AtMs);
        profile.Recent.Insert(index < 0 ? profile.Recent.Count : index, item);
        if (profile.Recent.Count > affinity.RecentItemsCapacity)
        {
            profile.Recent.RemoveRange(affinity.RecentItemsCapacity, profile.Recent.Count - affinity.RecentItemsCapacity);
        }
    }

    private void Bump(Dictionary<string, DecayedScore> scores, string key, double weight, long at)
    {
        scores[key] = scores.GetValueOrDefault(key).Add(weight, at, _halfLifeMs);
        if (scores.Count <= affinity.MaxEntriesPerDimension)
        {
            return;
        }

        // Drop the entry with the least magnitude at this time: it is the one that matters least.
        var weakest = scores.MinBy(kv => (Math.Abs(kv.Value.ValueAt(at, _halfLifeMs)), kv.Key), WeakestComparer.Instance).Key;
        scores.Remove(weakest);
    }

    private sealed class WeakestComparer : IComparer<(double Magnitude, string Key)>
    {
        public static readonly WeakestComparer Instance = new();

        public int Compare((double Magnitude, string Key) x, (double Magnitude, string Key) y)
        {
            var byMagnitude = x.Magnitude.CompareTo(y.Magnitude);
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(y.Key, x.Key);
        }
    }
}
