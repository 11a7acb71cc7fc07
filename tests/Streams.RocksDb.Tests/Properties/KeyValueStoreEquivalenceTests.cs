using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.RocksDb.KeyValue;
using RecoStreams.Streams.RocksDb.Tests.TestSupport;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Properties;

public sealed class KeyValueStoreEquivalenceTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Fact]
    public void RocksDb_store_observes_the_same_as_the_in_memory_store_under_random_workloads()
    {
        var property = Prop.ForAll(KeyValueOperation.Generator.ListOf().ToArbitrary(), operations =>
        {
            using var dir = new TempDirectory();
            var rocks = Open(new RocksDbKeyValueBytesStore("kv"), dir.Path);
            var memory = Open(new InMemoryKeyValueBytesStore("kv"), dir.Path);
            try
            {
                foreach (var operation in operations)
                {
                    Assert.Equal(operation.Apply(memory), operation.Apply(rocks));
                }
            }
            finally
            {
                rocks.Close();
                memory.Close();
            }
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Reopened_RocksDb_store_holds_what_a_sorted_dictionary_model_holds()
    {
        var property = Prop.ForAll(KeyValueOperation.Generator.ListOf().ToArbitrary(), operations =>
        {
            using var dir = new TempDirectory();
            var memory = Open(new InMemoryKeyValueBytesStore("kv"), dir.Path);
            var rocks = Open(new RocksDbKeyValueBytesStore("kv"), dir.Path);
            foreach (var operation in operations)
            {
                operation.Apply(memory);
                operation.Apply(rocks);
            }

            rocks.Close();
            var reopened = Open(new RocksDbKeyValueBytesStore("kv"), dir.Path);
            try
            {
                var model = new SortedDictionary<Bytes, byte[]>();
                using (var all = memory.All())
                {
                    while (all.MoveNext())
                    {
                        model.Add(all.Current.Key, all.Current.Value);
                    }
                }

                Assert.Equal(model.Select(Render), reopened.All().ToListAndDispose().Select(Render));
            }
            finally
            {
                reopened.Close();
                memory.Close();
            }
        });

        Check.One(Runs.WithMaxTest(30), property);
    }

    private static IKeyValueBytesStore Open(IKeyValueBytesStore store, string stateDirectory)
    {
        store.Init(new FakeStateStoreContext(stateDirectory));
        return store;
    }

    private static string Render(KeyValuePair<Bytes, byte[]> entry) => $"{entry.Key}={Convert.ToHexString(entry.Value)}";
}
