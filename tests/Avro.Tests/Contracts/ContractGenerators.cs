using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Contracts;

namespace RecoStreams.Avro.Tests.Contracts;

/// <summary>FsCheck generators of contract values covering empty, optional and unusual content.</summary>
internal static class ContractGenerators
{
    private const long MinMillis = -62_135_596_800_000L; // 0001-01-01
    private const long MaxMillis = 253_402_300_799_999L; // 9999-12-31

    // Unpaired surrogates have no UTF-8 form and are rejected by the writer, so they are left out.
    public static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<string>()
        .Select(s => new string((s ?? "").Where(c => !char.IsSurrogate(c)).ToArray()));

    public static readonly Gen<string?> OptionalText = Gen.OneOf(Gen.Constant<string?>(null), Text.Select(s => (string?)s));

    public static readonly Gen<double> AnyDouble = Gen.OneOf(
        ArbMap.Default.GeneratorFor<double>(),
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon));

    public static readonly Gen<double?> OptionalDouble = Gen.OneOf(Gen.Constant<double?>(null), AnyDouble.Select(d => (double?)d));

    public static readonly Gen<DateTimeOffset> Instant = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(l => MinMillis + (long)((ulong)l % (ulong)(MaxMillis - MinMillis + 1))),
            Gen.Elements(MinMillis, MaxMillis, 0L, -1L, 1_700_000_000_000L))
        .Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));

    public static readonly Gen<DateTimeOffset?> OptionalInstant = Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Instant.Select(t => (DateTimeOffset?)t));

    public static readonly Gen<string[]> Strings = Text.ArrayOf();

    public static readonly Gen<IReadOnlyDictionary<string, string>> StringMap =
        Gen.Zip(Text, Text).ArrayOf().Select(pairs => (IReadOnlyDictionary<string, string>)pairs
            .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    public static readonly Gen<Guid> Uuid = ArbMap.Default.GeneratorFor<Guid>();

    private static Gen<TEnum> EnumOf<TEnum>()
        where TEnum : struct, Enum => Gen.Elements(Enum.GetValues<TEnum>());

    public static readonly Gen<EngagementEvent> Engagement =
        from id in Uuid
        from user in Text
        from item in Text
        from type in EnumOf<EventType>()
        from at in Instant
        from rating in OptionalDouble
        from watch in OptionalDouble
        from duration in OptionalDouble
        from session in OptionalText
        from context in StringMap
        from source in OptionalText
        select new EngagementEvent
        {
            EventId = id,
            UserId = user,
            ItemId = item,
            EventType = type,
            OccurredAt = at,
            Rating = rating,
            WatchSeconds = watch,
            ItemDurationSeconds = duration,
            SessionId = session,
            Context = context,
            Source = source,
        };

    public static readonly Gen<CatalogItem> Catalog =
        from item in Text
        from title in Text
        from genres in Strings
        from creators in Strings
        from language in OptionalText
        from tags in Strings
        from duration in OptionalDouble
        from available in ArbMap.Default.GeneratorFor<bool>()
        from published in OptionalInstant
        from updated in Instant
        from attributes in StringMap
        select new CatalogItem
        {
            ItemId = item,
            Title = title,
            Genres = genres,
            Creators = creators,
            Language = language,
            Tags = tags,
            DurationSeconds = duration,
            Available = available,
            PublishedAt = published,
            UpdatedAt = updated,
            Attributes = attributes,
        };

    public static readonly Gen<RecommendedItem> Recommended =
        from item in Text
        from rank in ArbMap.Default.GeneratorFor<int>()
        from score in AnyDouble
        from source in EnumOf<CandidateSource>()
        from explanation in Text
        select new RecommendedItem(item, rank, score, source, explanation);

    public static readonly Gen<RecommendationUpdated> Recommendations =
        from user in Text
        from at in Instant
        from algorithm in Text
        from strategy in EnumOf<RecommendationStrategy>()
        from items in Recommended.ArrayOf()
        from previous in Strings
        from trigger in Gen.Elements("punctuation", "refresh", "backfill")
        from version in ArbMap.Default.GeneratorFor<long>()
        from model in OptionalText
        select new RecommendationUpdated
        {
            UserId = user,
            GeneratedAt = at,
            Algorithm = algorithm,
            Strategy = strategy,
            Items = items,
            PreviousItemIds = previous,
            Trigger = trigger,
            Version = version,
            ModelVersion = model,
        };

    public static readonly Gen<RecommendationFeedback> Feedback =
        from id in Uuid
        from user in Text
        from item in Text
        from kind in EnumOf<FeedbackKind>()
        from generated in Instant
        from position in ArbMap.Default.GeneratorFor<int>()
        from at in Instant
        select new RecommendationFeedback
        {
            FeedbackId = id,
            UserId = user,
            ItemId = item,
            Kind = kind,
            RecommendationGeneratedAt = generated,
            Position = position,
            OccurredAt = at,
        };

    public static readonly Gen<ItemStats> Stats =
        from item in Text
        from at in Instant
        from windows in (from w in Text
                         from s in Instant
                         from e in Instant
                         from score in AnyDouble
                         from n in ArbMap.Default.GeneratorFor<long>()
                         select new WindowScore(w, s, e, score, n)).ArrayOf()
        from neighbours in (from n in Text from sim in AnyDouble from co in AnyDouble select new Neighbour(n, sim, co)).ArrayOf()
        from genres in Strings
        select new ItemStats { ItemId = item, UpdatedAt = at, Popularity = windows, Neighbours = neighbours, Genres = genres };

    public static readonly Gen<ModelTrainingStarted> TrainingStarted =
        from version in Text
        from type in Text
        from start in OptionalInstant
        from end in OptionalInstant
        from requester in Text
        from at in Instant
        select new ModelTrainingStarted { ModelVersion = version, ModelType = type, DataStart = start, DataEnd = end, RequestedBy = requester, StartedAt = at };

    public static readonly Gen<ModelTrainingCompleted> TrainingCompleted =
        from version in Text
        from type in Text
        from outcome in EnumOf<TrainingOutcome>()
        from reason in Text
        from champion in OptionalText
        from ndcg in OptionalDouble
        from map in OptionalDouble
        from coverage in OptionalDouble
        from championNdcg in OptionalDouble
        from events in ArbMap.Default.GeneratorFor<int>()
        from at in Instant
        select new ModelTrainingCompleted
        {
            ModelVersion = version,
            ModelType = type,
            Outcome = outcome,
            Reason = reason,
            ChampionVersion = champion,
            NdcgAt10 = ndcg,
            MapAt10 = map,
            Coverage = coverage,
            ChampionNdcgAt10 = championNdcg,
            Events = events,
            CompletedAt = at,
        };
}
