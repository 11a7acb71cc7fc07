namespace RecoStreams.Ingestion.Catalog;

/// <summary>What `catalog load` prints about a load and the exit code it ends with.</summary>
public static class CatalogLoadOutcome
{
    /// <summary>Exit code when the file has bad records and nothing was published.</summary>
    public const int InvalidRecords = 1;

    /// <summary>Exit code when the file, the registry or Kafka could not be used.</summary>
    public const int Failed = 2;

    /// <summary>Prints every bad record, then the counts; the exit code says whether the file was refused.</summary>
    public static int Report(CatalogLoadReport report, CatalogLoadRequest request, TextWriter output, TextWriter errors)
    {
        foreach (var bad in report.Invalid)
        {
            errors.WriteLine($"{request.Path}:{bad.Location}: {bad.Error}");
        }

        var refused = report.Invalid.Count > 0 && !request.SkipInvalid;
        output.WriteLine($"read {report.Read}, valid {report.Valid}, invalid {report.Invalid.Count}, published {report.Published}"
            + (refused ? " (file refused: fix the records above or pass --skip-invalid)" : string.Empty));
        return refused ? InvalidRecords : 0;
    }
}
