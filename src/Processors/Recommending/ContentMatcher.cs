using System.Runtime.InteropServices;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// How well an item matches a profile's positive affinities: the mean normalised affinity of its genres
/// and of its tags, plus the best normalised creator affinity (a favourite creator is a strong signal on
/// its own) plus a small language match. Affinities are decayed to "now" and normalised by the profile's strongest.
/// </summary>
internal sealed class ContentMatcher
{
    private const double CreatorWeight = 1.0;
    private const double LanguageWeight = 0.2;

    [ThreadStatic]
    private static ContentMatcher? t_matcher;

    private readonly Dictionary<string, double> _genres = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _creators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _languages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _tags = new(StringComparer.Ordinal);

    // The same affinities by feature number, read once per feature of every candidate.
    private readonly FeatureVocabulary _vocabulary = new();
    private readonly FeatureWeights _genreWeights = new();
    private readonly FeatureWeights _creatorWeights = new();
    private readonly FeatureWeights _languageWeights = new();
    private readonly FeatureWeights _tagWeights = new();

    private ContentMatcher()
    {
    }

    /// <summary>The calling thread's matcher, filled for <paramref name="profile"/>: valid until the thread asks again.</summary>
    public static ContentMatcher For(UserProfile profile, long nowMs, double halfLifeMs)
    {
        var matcher = t_matcher ??= new ContentMatcher();
        matcher.Fill(profile, nowMs, halfLifeMs);
        return matcher;
    }

    /// <summary>The <paramref name="count"/> strongest genres, strongest first (ties by name), into <paramref name="into"/>.</summary>
    public void TopGenres(int count, List<string> into) => Top(_genres, count, into);

    public void TopCreators(int count, List<string> into) => Top(_creators, count, into);

    public void TopLanguages(int count, List<string> into) => Top(_languages, count, into);

    /// <summary>
    /// The match of <paramref name="item"/>, numbered <paramref name="itemNumber"/> in the thread's <see cref="ItemNumbering"/>.
    /// Reads the item's feature numbers and the weights only: its strings only to break a tie between genres, and the
    /// reason names its subject by position, so the hundreds of candidates a list matches do not touch their names.
    /// </summary>
    public (double Score, ContentReason? Reason) Match(CatalogItem item, int itemNumber)
    {
        var features = _vocabulary.Of(item, itemNumber);
        var genreSum = 0.0;
        var bestGenre = -1;
        var bestGenreScore = 0.0;
        var genreIds = features.Genres;
        for (var i = 0; i < genreIds.Length; i++)
        {
            var a = _genreWeights[genreIds[i]];
            genreSum += a;
            if (a > bestGenreScore || (a == bestGenreScore && a > 0 && string.CompareOrdinal(item.Genres[i], item.Genres[bestGenre]) < 0))
            {
                (bestGenre, bestGenreScore) = (i, a);
            }
        }

        var genreScore = genreIds.Length == 0 ? 0 : genreSum / genreIds.Length;
        var bestCreator = -1;
        var bestCreatorScore = 0.0;
        var creatorIds = features.Creators;
        for (var i = 0; i < creatorIds.Length; i++)
        {
            var a = _creatorWeights[creatorIds[i]];
            if (a > bestCreatorScore)
            {
                (bestCreator, bestCreatorScore) = (i, a);
            }
        }

        var tagIds = features.Tags;
        var tagSum = 0.0;
        for (var i = 0; i < tagIds.Length; i++)
        {
            tagSum += _tagWeights[tagIds[i]];
        }

        var tagScore = tagIds.Length == 0 ? 0 : tagSum / tagIds.Length;
        var language = features.Language;
        var languageScore = language >= 0 ? _languageWeights[language] : 0;
        var score = genreScore + tagScore + (CreatorWeight * bestCreatorScore) + (LanguageWeight * languageScore);
        ContentReason? reason = bestCreator >= 0 && bestCreatorScore * CreatorWeight >= genreScore
            ? new ContentReason(item, bestCreator, IsCreator: true)
            : bestGenre >= 0 ? new ContentReason(item, bestGenre, IsCreator: false) : null;
        return (score, reason);
    }

    private void Fill(UserProfile profile, long nowMs, double halfLifeMs)
    {
        Normalise(profile.Genres, nowMs, halfLifeMs, _genres);
        Normalise(profile.Creators, nowMs, halfLifeMs, _creators);
        Normalise(profile.Languages, nowMs, halfLifeMs, _languages);
        Normalise(profile.Tags, nowMs, halfLifeMs, _tags);
        _vocabulary.StartOverIfFull();
        _genreWeights.Fill(_genres, _vocabulary);
        _creatorWeights.Fill(_creators, _vocabulary);
        _languageWeights.Fill(_languages, _vocabulary);
        _tagWeights.Fill(_tags, _vocabulary);
    }

    // Runs once per dimension per list: loops, not LINQ (it showed in the recompute's profile).
    private static void Normalise(Dictionary<string, DecayedScore> scores, long nowMs, double halfLifeMs, Dictionary<string, double> normalised)
    {
        normalised.Clear();
        var max = 0.0;

        // Scores updated by the same event share their time, so the decay factor (a Math.Pow) is taken once per time:
        // ValueAt's own expression, Value · Decay(now − at), with the factor reused.
        var (factorAtMs, factor) = (long.MinValue, 1.0);
        foreach (var (key, score) in scores)
        {
            if (score.AtMs < nowMs && score.AtMs != factorAtMs)
            {
                (factorAtMs, factor) = (score.AtMs, DecayedScore.Decay(nowMs - score.AtMs, halfLifeMs));
            }

            var value = nowMs <= score.AtMs ? score.Value : score.Value * factor;
            if (value > 0)
            {
                normalised[key] = value;
                max = Math.Max(max, value);
            }
        }

        foreach (var key in normalised.Keys)
        {
            CollectionsMarshal.GetValueRefOrNullRef(normalised, key) /= max;
        }
    }

    /// <summary>
    /// The <paramref name="count"/> highest values, highest first, ties by key (ordinal): what sorting the whole table
    /// gives, by insertion into a list of at most <paramref name="count"/> keys (a handful, from tables of dozens).
    /// </summary>
    internal static void Top(Dictionary<string, double> scores, int count, List<string> into)
    {
        into.Clear();
        if (count <= 0)
        {
            return;
        }

        foreach (var (key, value) in scores)
        {
            var at = into.Count;
            while (at > 0 && Before(key, value, into[at - 1], scores[into[at - 1]]))
            {
                at--;
            }

            if (at < count)
            {
                if (into.Count == count)
                {
                    into.RemoveAt(count - 1);
                }

                into.Insert(at, key);
            }
        }
    }

    private static bool Before(string key, double value, string otherKey, double otherValue) =>
        value > otherValue || (value == otherValue && string.CompareOrdinal(key, otherKey) < 0);

    /// <summary>One dimension's normalised affinities by feature number: 0 for a number the profile has no affinity for.</summary>
    private sealed class FeatureWeights
    {
        private readonly List<int> _set = [];
        private double[] _weights = new double[64];

        public double this[int id] => (uint)id < (uint)_weights.Length ? _weights[id] : 0;

        /// <summary>Replaces the previous list's weights with <paramref name="normalised"/>'s.</summary>
        public void Fill(Dictionary<string, double> normalised, FeatureVocabulary vocabulary)
        {
            foreach (var id in _set)
            {
                _weights[id] = 0;
            }

            _set.Clear();
            foreach (var (value, weight) in normalised)
            {
                var id = vocabulary.Id(value);
                if (id >= _weights.Length)
                {
                    Array.Resize(ref _weights, Math.Max(id + 1, _weights.Length * 2));
                }

                _weights[id] = weight;
                _set.Add(id);
            }
        }
    }
}
