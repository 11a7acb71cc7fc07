using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Embedded;
using Xunit;

namespace RecoStreams.Avro.Tests.Registry;

public sealed class FileSchemaStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("schema-store-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<List<SchemaRegistryRecord>> ReadAll(ISchemaStore store)
    {
        var records = new List<SchemaRegistryRecord>();
        await foreach (var record in store.ReadAllAsync(Ct))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Records_survive_closing_and_reopening_the_file_in_order()
    {
        var path = Path.Combine(_dir, "nested", "schemas.log");
        SchemaRegistryRecord[] written =
        [
            new SchemaVersionRecord("s", 1, 1, RegistrySchemas.V1),
            new CompatibilityConfigRecord(null, "FULL"),
            new CompatibilityConfigRecord("s", "NONE"),
            new SchemaVersionRecord("s", 1, 1, RegistrySchemas.V1, Deleted: true),
        ];
        using (var store = new FileSchemaStore(path))
        {
            foreach (var record in written)
            {
                await store.AppendAsync(record, Ct);
            }
        }

        using var reopened = new FileSchemaStore(path);

        Assert.Equal(written, await ReadAll(reopened));
    }

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_dropped_and_appends_continue_cleanly()
    {
        var path = Path.Combine(_dir, "schemas.log");
        using (var store = new FileSchemaStore(path))
        {
            await store.AppendAsync(new SchemaVersionRecord("s", 1, 1, RegistrySchemas.V1), Ct);
        }

        await File.AppendAllTextAsync(path, "{\"type\":\"SCHEMA\",\"subject\":\"s\",\"vers", Encoding.UTF8, Ct);

        using (var store = new FileSchemaStore(path))
        {
            Assert.Single(await ReadAll(store));
            await store.AppendAsync(new CompatibilityConfigRecord(null, "NONE"), Ct);
        }

        using var final = new FileSchemaStore(path);
        Assert.Equal(2, (await ReadAll(final)).Count);
    }

    [Fact]
    public async Task A_corrupt_complete_line_is_reported_with_its_line_number()
    {
        var path = Path.Combine(_dir, "schemas.log");
        await File.WriteAllTextAsync(path, "{\"type\":\"CONFIG\",\"compatibility\":\"FULL\"}\nnot json\n", Ct);
        using var store = new FileSchemaStore(path);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(store));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_sequence_of_registrations_is_restored_exactly_from_the_file()
    {
        string[] schemas =
        [
            RegistrySchemas.V1, RegistrySchemas.V2AddedWithDefault, RegistrySchemas.V2AddedWithoutDefault,
            """{"type":"enum","name":"E","symbols":["A","B"]}""", "\"string\"",
        ];
        var operations = Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, schemas.Length - 1)).ListOf();
        var run = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(operations.ToArbitrary(), ops =>
        {
            var path = Path.Combine(_dir, $"run-{run++}.log");
            string Snapshot(EmbeddedSchemaRegistry registry)
            {
                var lines = new List<string>();
                foreach (var subject in registry.GetSubjectsAsync().Result)
                {
                    foreach (var version in registry.GetVersionsAsync(subject).Result)
                    {
                        lines.Add(registry.GetVersionAsync(subject, version).Result.ToString());
                    }
                }

                return string.Join("\n", lines);
            }

            string before;
            using (var store = new FileSchemaStore(path))
            {
                var registry = EmbeddedSchemaRegistry.OpenAsync(store).Result;
                registry.SetCompatibilityAsync(CompatibilityLevel.None).Wait();
                foreach (var (subject, schema) in ops)
                {
                    registry.RegisterAsync($"subject-{subject}", schemas[schema]).Wait();
                }

                before = Snapshot(registry);
            }

            using var reopened = new FileSchemaStore(path);
            return before == Snapshot(EmbeddedSchemaRegistry.OpenAsync(reopened).Result);
        }));
    }
}
