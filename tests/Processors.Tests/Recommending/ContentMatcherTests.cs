using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class ContentMatcherTests
{
    private const double HalfLifeMs = 3_600_000;
    private static readonly string[] Values = ["a", "b", "c", "d", "e", "f"];

    [Fact]
    public void Matching_by_feature_numbers_gives_the_scores_and_reasons_of_string_keyed_affinity_tables()
    {
        // Several profiles in a row over the same items: each list's weights must replace the previous list's, and an item's
        // numbers, made at its first match, must serve later lists. A six-value vocabulary makes shared values and ties common.
        var value = Gen.Elements(Values);
        var values = value.ListOf().Select(v => v.ToArray());
        var item =
            from genres in values
            from creators in values
            from tags in values
            from language in Gen.Elements<string?>(null, "a", "b", "g")
            select Item("i", genres, creators, language: language, tags: tags);
        var affinities = (
            from v in value
            from weight in Gen.Choose(0, 4)
            from age in Gen.Choose(0, 3)
            select (Value: v, Weight: weight, AgeSeconds: age)).ListOf();
        var profile =
            from genres in affinities
            from creators in affinities
            from languages in affinities
            from tags in affinities
            select (Genres: genres, Creators: creators, Languages: languages, Tags: tags);
        var cases =
            from profiles in profile.NonEmptyListOf()
            from items in item.NonEmptyListOf()
            select (Profiles: profiles, Items: items);
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var now = Ms(T0) + 3_000;
            foreach (var (genres, creators, languages, tags) in c.Profiles)
            {
                var p = new UserProfile("u", seenExactCapacity: 1, seenBloomBits: 64, dislikedCapacity: 1);
                Fill(p.Genres, genres, now);
                Fill(p.Creators, creators, now);
                Fill(p.Languages, languages, now);
                Fill(p.Tags, tags, now);
                var matcher = ContentMatcher.For(p, now, HalfLifeMs);
                // Item numbers from a small range: other items hold a number an item had before, as after the item
                // numbering started over, and the features kept for a number must not answer for another item.
                for (var n = 0; n < c.Items.Count; n++)
                {
                    var (score, reason) = matcher.Match(c.Items[n], n % 3);
                    if ((score, reason is { } r ? (r.Subject, r.IsCreator, r.Text) : default((string, bool, string)?)) != ReferenceMatch(p, c.Items[n], now))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void The_vocabulary_starts_over_only_past_its_capacity_and_numbers_items_afresh()
    {
        var vocabulary = new FeatureVocabulary();
        var item = Item("i", ["Drama", "Comedy"], ["Ann"], language: "en", tags: ["Drama"]);
        Assert.Equal(new[] { 0, 1 }, vocabulary.Of(item, 0).Genres.ToArray());
        for (var i = vocabulary.Count; i <= FeatureVocabulary.Capacity - 1; i++)
        {
            vocabulary.Id("v" + i);
        }

        Assert.False(vocabulary.StartOverIfFull());
        vocabulary.Id("one more");
        Assert.True(vocabulary.StartOverIfFull());
        Assert.Equal(0, vocabulary.Count);

        var renumbered = vocabulary.Of(item, 0);
        Assert.Equal(new[] { 0, 1 }, renumbered.Genres.ToArray());
        Assert.Equal(new[] { 2 }, renumbered.Creators.ToArray());
        Assert.Equal(new[] { 0 }, renumbered.Tags.ToArray());
        Assert.Equal(3, renumbered.Language);
    }

    private static void Fill(Dictionary<string, DecayedScore> scores, IEnumerable<(string Value, int Weight, int AgeSeconds)> affinities, long now)
    {
        foreach (var (value, weight, age) in affinities)
        {
            scores[value] = new DecayedScore(weight, now - (age * 1_000));
        }
    }

    // The straightforward match: affinities decayed to now, normalised by the strongest, looked up by the item's strings.
    private static (double, (string Subject, bool IsCreator, string Text)?) ReferenceMatch(UserProfile profile, CatalogItem item, long now)
    {
        var (genres, creators) = (Normalised(profile.Genres, now), Normalised(profile.Creators, now));
        var (languages, tags) = (Normalised(profile.Languages, now), Normalised(profile.Tags, now));
        var genreScore = item.Genres.Count == 0 ? 0 : item.Genres.Sum(g => genres.GetValueOrDefault(g)) / item.Genres.Count;
        var bestGenre = item.Genres
            .Where(g => genres.GetValueOrDefault(g) > 0)
            .OrderByDescending(g => genres[g]).ThenBy(g => g, StringComparer.Ordinal)
            .FirstOrDefault();
        var bestCreator = item.Creators
            .Select((creator, i) => (creator, i, a: creators.GetValueOrDefault(creator)))
            .Where(x => x.a > 0)
            .OrderByDescending(x => x.a).ThenBy(x => x.i)
            .FirstOrDefault();
        var tagScore = item.Tags.Count == 0 ? 0 : item.Tags.Sum(t => tags.GetValueOrDefault(t)) / item.Tags.Count;
        var language = item.Language is { } l ? languages.GetValueOrDefault(l) : 0;
        var score = genreScore + tagScore + bestCreator.a + (0.2 * language);
        (string, bool, string)? reason = bestCreator.creator is not null && bestCreator.a >= genreScore
            ? (bestCreator.creator, true, $"by {bestCreator.creator}, a creator you enjoy")
            : bestGenre is not null ? (bestGenre, false, $"because you like {bestGenre}") : null;
        return (score, reason);
    }

    private static Dictionary<string, double> Normalised(Dictionary<string, DecayedScore> scores, long now)
    {
        var values = scores
            .Select(s => (s.Key, Value: s.Value.ValueAt(now, HalfLifeMs)))
            .Where(s => s.Value > 0)
            .ToList();
        var max = values.Count == 0 ? 1 : values.Max(s => s.Value);
        return values.ToDictionary(s => s.Key, s => s.Value / max, StringComparer.Ordinal);
    }
}
