using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Tests.State.SortedMapModel;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// Deferring writes to the commit must be invisible to readers (the store reads like a sorted map at every
/// step), nothing may reach the changelog between commits, and at each commit the changelog (last value per
/// key) must describe exactly the map as it was then.
/// </summary>
public sealed class CommitDeferredStorePropertyTests
{
    private const int Flush = StoreKinds;
    private const int Commit = StoreKinds + 1;

    [Fact]
    public void Deferred_logged_store_reads_like_a_sorted_map_and_logs_only_at_commit()
    {
        var property = Prop.ForAll(Operations(Commit).ArrayOf().ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops) =>
        {
            var context = new RecordingStoreContext(0);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, Serdes.Long).WithWritesDeferredToCommit().Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var loggedAtLastCommit = 0;
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case Flush:
                        store.Flush();
                        if (context.Logged.Count != loggedAtLastCommit)
                        {
                            return false;
                        }

                        break;
                    case Commit:
                        context.Commit();
                        loggedAtLastCommit = context.Logged.Count;
                        if (!Replay(context.Logged).SequenceEqual(model))
                        {
                            return false;
                        }

                        break;
                    default:
                        if (!Apply(store, model, op))
                        {
                            return false;
                        }

                        break;
                }
            }

            return Drain(store.All()).SequenceEqual(model);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Held_writes_stay_above_the_store_and_out_of_the_changelog_until_a_commit()
    {
        var context = new RecordingStoreContext(0);
        var inner = Stores.InMemoryKeyValueStore("d").Get();
        var store = new Streams.State.Internals.CommitDeferredKeyValueBytesStore(inner);
        store.Init(context);
        store.Put(Bytes.Wrap("held"u8.ToArray()), [1]);
        Assert.Null(inner.Get(Bytes.Wrap("held"u8.ToArray())));

        store.Close();

        Assert.Empty(context.Logged);
    }
}
