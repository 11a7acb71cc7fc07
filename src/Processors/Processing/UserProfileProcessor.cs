using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// Joins an event with its catalog item, folds it into the user's profile, forwards the derived
/// <see cref="ItemUpdate"/>s re-keyed by item (for the by-item repartition topic: one for the event's item,
/// carrying its co-visitation pairs, and one per other item paired) and marks the user dirty for the
/// recommendation punctuator. Upstream the pending-enrichment gate let the event through
/// only once its item was in the catalog; an item removed in between is counted and skipped.
/// </summary>
public sealed class UserProfileProcessor(
    string profileStoreName, string dirtyUsersStoreName, string catalogStoreName, ProfileUpdater updater, StreamCounters counters)
    : IProcessor<string, EngagementEvent, string, ItemUpdate>
{
    private IProcessorContext<string, ItemUpdate>? _context;
    private IKeyValueStore<string, UserProfile>? _profiles;
    private IKeyValueStore<string, long>? _dirty;
    private IKeyValueStore<string, CatalogItem>? _catalog;

    public void Init(IProcessorContext<string, ItemUpdate> context)
    {
        _context = context;
        _profiles = context.GetStateStore<IKeyValueStore<string, UserProfile>>(profileStoreName);
        _dirty = context.GetStateStore<IKeyValueStore<string, long>>(dirtyUsersStoreName);
        _catalog = context.GetStateStore<IKeyValueStore<string, CatalogItem>>(catalogStoreName);
    }

    public void Process(Record<string, EngagementEvent> record)
    {
        var e = record.Value;
        if (!_catalog!.TryGet(e.ItemId, out var item))
        {
            counters.JoinMissed();
            return;
        }

        var profile = _profiles!.TryGet(e.UserId, out var stored) ? stored : updater.NewProfile(e.UserId);
        var update = updater.Apply(profile, new EnrichedEvent(e, item));
        _profiles.Put(e.UserId, profile);
        _dirty!.Put(e.UserId, _context!.CurrentSystemTimeMs);

        // The event's item takes its own pairs along with its signal; each other item gets its pair alone.
        var own = new List<CoVisitationPair>(update.Pairs.Count / 2);
        foreach (var pair in update.Pairs)
        {
            if (string.Equals(pair.ItemId, e.ItemId, StringComparison.Ordinal))
            {
                own.Add(pair);
            }
        }

        _context.Forward(new Record<string, ItemUpdate>(e.ItemId, ItemUpdate.Of(update.Signal, own), record.Timestamp));
        var sent = 1;
        foreach (var pair in update.Pairs)
        {
            if (!string.Equals(pair.ItemId, e.ItemId, StringComparison.Ordinal))
            {
                _context.Forward(new Record<string, ItemUpdate>(pair.ItemId, ItemUpdate.Of(pair), record.Timestamp));
                sent++;
            }
        }

        counters.EventApplied(sent);
    }

    public void Close()
    {
    }
}
