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

    private readonly Dictionary<string, double> _genres;
    private readonly Dictionary<string, double> _creators;
    private readonly Dictionary<string, double> _languages;
    private readonly Dictionary<string, double> _tags;

    public ContentMatcher(UserProfile profile, long nowMs, double halfLifeMs)
    {
        _genres = Normalise(profile.Genres, nowMs, halfLifeMs);
        _creators = Normalise(profile.Creators, nowMs, halfLifeMs);
        _languages = Normalise(profile.Languages, nowMs, halfLifeMs);
        _tags = Normalise(profile.Tags, nowMs, halfLifeMs);
    }

    public IEnumerable<string> TopGenres(int count) => Top(_genres, count);

    public IEnumerable<string> TopCreators(int count) => Top(_creators, count);

    public IEnumerable<string> TopLanguages(int count) => Top(_languages, count);

    public (double Score, ContentReason? Reason) Match(CatalogItem item)
    {
        var genreSum = 0.0;
        string? bestGenre = null;
        var bestGenreScore = 0.0;
        foreach (var genre in item.Genres)
        {
            var a = _genres.GetValueOrDefault(genre);
            genreSum += a;
            if (a > bestGenreScore || (a == bestGenreScore && a > 0 && string.CompareOrdinal(genre, bestGenre) < 0))
            {
                (bestGenre, bestGenreScore) = (genre, a);
            }
        }

        var genreScore = item.Genres.Count == 0 ? 0 : genreSum / item.Genres.Count;
        string? bestCreator = null;
        var bestCreatorScore = 0.0;
        foreach (var creator in item.Creators)
        {
            var a = _creators.GetValueOrDefault(creator);
            if (a > bestCreatorScore)
            {
                (bestCreator, bestCreatorScore) = (creator, a);
            }
        }

        var tagScore = item.Tags.Count == 0 ? 0 : item.Tags.Sum(t => _tags.GetValueOrDefault(t)) / item.Tags.Count;
        var languageScore = item.Language is { } l ? _languages.GetValueOrDefault(l) : 0;
        var score = genreScore + tagScore + (CreatorWeight * bestCreatorScore) + (LanguageWeight * languageScore);
        ContentReason? reason = bestCreator is not null && bestCreatorScore * CreatorWeight >= genreScore
            ? new ContentReason(bestCreator, IsCreator: true)
            : bestGenre is not null ? new ContentReason(bestGenre, IsCreator: false) : null;
        return (score, reason);
    }

    // Runs once per dimension per list: loops, not LINQ (it showed in the recompute's profile).
    private static Dictionary<string, double> Normalise(Dictionary<string, DecayedScore> scores, long nowMs, double halfLifeMs)
    {
        var normalised = new Dictionary<string, double>(scores.Count, StringComparer.Ordinal);
        var max = 0.0;
        foreach (var (key, score) in scores)
        {
            var value = score.ValueAt(nowMs, halfLifeMs);
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

        return normalised;
    }

    private static IEnumerable<string> Top(Dictionary<string, double> scores, int count) =>
        scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count).Select(kv => kv.Key);
}
