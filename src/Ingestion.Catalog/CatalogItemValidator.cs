using RecoStreams.Avro.Contracts;

namespace RecoStreams.Ingestion.Catalog;

/// <summary>
/// The rules an item must pass before it is published to catalog-items. They guard the topology:
/// an empty genre or creator would become an affinity key, a blank id a table key nobody can query.
/// </summary>
public static class CatalogItemValidator
{
    /// <summary>Every rule <paramref name="item"/> breaks; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(item.ItemId))
        {
            errors.Add("item_id is empty");
        }
        else if (item.ItemId.Any(char.IsControl) || item.ItemId.Trim().Length != item.ItemId.Length)
        {
            errors.Add("item_id has control characters or surrounding whitespace");
        }

        if (string.IsNullOrWhiteSpace(item.Title))
        {
            errors.Add("title is empty");
        }

        CheckEntries(item.Genres, "genres", errors);
        CheckEntries(item.Creators, "creators", errors);
        CheckEntries(item.Tags, "tags", errors);
        if (item.Language is { } language && string.IsNullOrWhiteSpace(language))
        {
            errors.Add("language is blank (omit it when unknown)");
        }

        if (item.DurationSeconds is { } duration && (double.IsNaN(duration) || double.IsInfinity(duration) || duration < 0))
        {
            errors.Add($"duration_seconds must be a finite number >= 0, was {duration}");
        }

        return errors;
    }

    private static void CheckEntries(IReadOnlyList<string> entries, string field, List<string> errors)
    {
        if (entries.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{field} has an empty entry");
        }
    }
}
