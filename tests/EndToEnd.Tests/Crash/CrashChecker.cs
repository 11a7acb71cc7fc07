using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>What a crash run found, per accepted event and per user.</summary>
internal sealed record CrashFigures(
    int Kills,
    int AcceptedEvents,
    int LostFromProfiles,
    int CountedTwiceInProfiles,
    int LostFromRepartition,
    int DuplicatedInRepartition,
    int Updates,
    int VersionRegressions,
    int BrokenChains,
    IReadOnlyList<int> LostFromRepartitionAt)
{
    public override string ToString() =>
        $"kills {Kills}, events {AcceptedEvents}; profiles: lost {LostFromProfiles}, counted twice {CountedTwiceInProfiles}; " +
        $"by-item repartition: lost {LostFromRepartition}, duplicated {DuplicatedInRepartition}; recommendation-updated: {Updates} updates, " +
        $"{VersionRegressions} versions not increasing, {BrokenChains} previous_item_ids not chaining" +
        (LostFromRepartitionAt.Count == 0 ? string.Empty : $"; lost from the repartition topic: accepted events #{string.Join(", #", LostFromRepartitionAt.Take(20))}");
}

/// <summary>
/// Compares every accepted event with what the service made of it: the user's profile (GET /users/{id}/profile,
/// interactions), the by-item repartition topic (one signal per event, found by its user and distinct time)
/// and recommendation-updated (per user, versions increase and each update's previous_item_ids are the items
/// of the update before it; under at-least-once of some earlier update, since a re-emission after a crash
/// repeats the last durable list).
/// </summary>
internal sealed class CrashChecker(CrashCluster cluster, string applicationId, ISchemaRegistryClient registry, bool exactlyOnce)
{
    public async Task<(Dictionary<string, long> Interactions, Dictionary<string, int> Signals)> ObserveAsync(
        string serviceEndpoint, string token, IReadOnlyCollection<string> users, IReadOnlyDictionary<(string UserId, long AtMs), string> eventsBySignal)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{serviceEndpoint}/"), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var interactions = new Dictionary<string, long>();
        foreach (var user in users)
        {
            using var response = await client.GetAsync(new Uri($"users/{user}/profile", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                interactions[user] = body.RootElement.GetProperty("interactions").GetInt64();
            }
        }

        var signals = new Dictionary<string, int>();
        var serde = new ItemUpdateSerde();
        foreach (var record in ReadAll(RepartitionTopic(), fromOffsets: null))
        {
            var update = serde.Deserialize(record.Message.Value, new SerdeContext(record.Topic, IsKey: false));
            if (update.Signal is { } signal && eventsBySignal.TryGetValue((signal.UserId, signal.AtMs), out var eventId))
            {
                signals[eventId] = signals.GetValueOrDefault(eventId) + 1;
            }
        }

        return (interactions, signals);
    }

    public CrashFigures Figures(
        int kills,
        IReadOnlyCollection<AcceptedEvent> accepted,
        Dictionary<string, long> interactions,
        Dictionary<string, int> signals,
        IReadOnlyDictionary<int, long> updatesFrom)
    {
        var lost = 0;
        var twice = 0;
        foreach (var user in accepted.GroupBy(e => e.UserId))
        {
            var expected = user.Select(e => e.EventId).Distinct().Count();
            var seen = interactions.GetValueOrDefault(user.Key);
            lost += (int)Math.Max(0, expected - seen);
            twice += (int)Math.Max(0, seen - expected);
        }

        var lostAt = accepted.Select((e, i) => (e, i)).Where(x => !signals.ContainsKey(x.e.EventId)).Select(x => x.i).ToList();
        var repartitionTwice = signals.Values.Sum(n => n - 1);
        var users = accepted.Select(e => e.UserId).ToHashSet();
        var (updates, regressions, broken) = CheckUpdates(users, updatesFrom);
        return new CrashFigures(kills, accepted.Count, lost, twice, lostAt.Count, repartitionTwice, updates, regressions, broken, lostAt);
    }

    private (int Updates, int Regressions, int Broken) CheckUpdates(HashSet<string> users, IReadOnlyDictionary<int, long> from)
    {
        var serde = new ConfluentAvroSerde<RecommendationUpdated, Domain.RecommendationUpdate>(
            RecommendationUpdatedContract.Instance, registry, RecommendationMapper.ToContract, RecommendationMapper.ToDomain);
        var byUser = new Dictionary<string, List<Domain.RecommendationUpdate>>();
        foreach (var record in ReadAll(RecoTopics.RecommendationUpdated, from))
        {
            if (record.Message.Key is not { } key || !users.Contains(System.Text.Encoding.UTF8.GetString(key)) || record.Message.Value is null)
            {
                continue;
            }

            var update = serde.Deserialize(record.Message.Value, new SerdeContext(record.Topic, IsKey: false));
            (byUser.TryGetValue(update.List.UserId, out var list) ? list : byUser[update.List.UserId] = []).Add(update);
        }

        int count = 0, regressions = 0, broken = 0;
        foreach (var updates in byUser.Values)
        {
            var earlier = new List<IReadOnlyList<string>> { Array.Empty<string>() };
            for (var i = 0; i < updates.Count; i++)
            {
                count++;
                var previous = updates[i].PreviousItemIds;
                if (i > 0 && updates[i].Version <= updates[i - 1].Version)
                {
                    regressions++;
                }

                var chains = exactlyOnce
                    ? previous.SequenceEqual(earlier[^1])
                    : earlier.Any(items => items.SequenceEqual(previous));
                if (!chains)
                {
                    broken++;
                }

                earlier.Add(updates[i].List.Items.Select(item => item.ItemId).ToList());
            }
        }

        return (count, regressions, broken);
    }

    private string RepartitionTopic() => $"{applicationId}-by-item-repartition";

    private List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, IReadOnlyDictionary<int, long>? fromOffsets)
    {
        var starts = Enumerable.Range(0, cluster.Partitions)
            .Select(p => new TopicPartitionOffset(topic, p, fromOffsets is null ? Offset.Beginning : new Offset(fromOffsets[p])))
            .ToList();
        return TopicToEnd.Read(
            cluster.BootstrapServers, starts, TimeSpan.FromSeconds(60), exactlyOnce ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted);
    }
}
