using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Serdes;

/// <summary>
/// Store value serde of <see cref="UserProfile"/> (format version 2). Version 2 stores the seen filter's size and
/// no words while nothing has been added to it; version 1 (always every word) is still read.
/// </summary>
public sealed class UserProfileSerde : VersionedSerde<UserProfile>
{
    protected override byte Version => 2;

    protected override byte OldestReadableVersion => 1;

    protected override void Write(BinaryWriter w, UserProfile p)
    {
        w.Write(p.UserId);
        w.WriteScores(p.Genres);
        w.WriteScores(p.Creators);
        w.WriteScores(p.Languages);
        w.WriteScores(p.Tags);
        w.WriteList(p.Counts, static (w, kv) =>
        {
            w.Write((int)kv.Key);
            w.Write(kv.Value);
        });
        w.Write(p.FirstEngagementMs);
        w.Write(p.LastEngagementMs);
        w.Write(p.PositiveInteractions);
        w.WriteList(p.Recent, static (w, r) =>
        {
            w.Write(r.ItemId);
            w.Write((int)r.Type);
            w.Write(r.Weight);
            w.Write(r.AtMs);
        });
        w.Write(p.Seen.Exact.Capacity);
        w.WriteStrings([.. p.Seen.Exact.Items]);
        w.Write(p.Seen.Overflow.HashCount);
        w.Write7BitEncodedInt(p.Seen.Overflow.BitCount);
        w.WriteWords(p.Seen.Overflow.Bits);
        w.Write(p.Disliked.Capacity);
        w.WriteStrings([.. p.Disliked.Items]);
    }

    protected override UserProfile Read(BinaryReader r) => Read(r, Version);

    protected override UserProfile Read(BinaryReader r, byte version)
    {
        var userId = r.ReadString();
        var genres = new Dictionary<string, Affinity.DecayedScore>();
        r.ReadScoresInto(genres);
        var creators = new Dictionary<string, Affinity.DecayedScore>();
        r.ReadScoresInto(creators);
        var languages = new Dictionary<string, Affinity.DecayedScore>();
        r.ReadScoresInto(languages);
        var tags = new Dictionary<string, Affinity.DecayedScore>();
        r.ReadScoresInto(tags);
        var counts = r.ReadList(static r => ((EventType)r.ReadInt32(), r.ReadInt64()));
        var (first, last, positives) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var recent = r.ReadList(static r => new RecentItem(r.ReadString(), (EventType)r.ReadInt32(), r.ReadDouble(), r.ReadInt64()));
        var seenCapacity = r.ReadInt32();
        var seenExact = r.ReadStrings();
        var hashCount = r.ReadInt32();
        var bitCount = version == 1 ? (int?)null : r.Read7BitEncodedInt();
        var bits = r.ReadWords();
        var dislikedCapacity = r.ReadInt32();
        var disliked = r.ReadStrings();

        var seen = new SeenItems(seenCapacity, new BloomFilter(bitCount ?? (bits.Length * 64), hashCount, bits));
        seenExact.ForEach(id => seen.Exact.Add(id));
        var dislikedSet = new BoundedRecentSet(dislikedCapacity);
        disliked.ForEach(id => dislikedSet.Add(id));
        var profile = new UserProfile(userId, seen, dislikedSet)
        {
            FirstEngagementMs = first,
            LastEngagementMs = last,
            PositiveInteractions = positives,
        };
        Copy(genres, profile.Genres);
        Copy(creators, profile.Creators);
        Copy(languages, profile.Languages);
        Copy(tags, profile.Tags);
        counts.ForEach(c => profile.Counts[c.Item1] = c.Item2);
        profile.Recent.AddRange(recent);
        return profile;
    }

    private static void Copy<TKey, TValue>(Dictionary<TKey, TValue> from, Dictionary<TKey, TValue> to)
        where TKey : notnull
    {
        foreach (var (k, v) in from)
        {
            to[k] = v;
        }
    }
}
