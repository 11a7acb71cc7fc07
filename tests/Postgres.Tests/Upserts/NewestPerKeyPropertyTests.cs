using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Postgres.Delivery;
using RecoStreams.Postgres.Migrations;
using RecoStreams.Postgres.Tests.Harness;
using Xunit;

namespace RecoStreams.Postgres.Tests.Upserts;

[Collection(PostgresCollection.Name)]
public sealed class NewestPerKeyPropertyTests(PostgresFixture postgres)
{
    // Few keys and versions so that batches collide: replays, duplicates and out-of-order versions are common.
    private static readonly Gen<SinkBatch> BatchGen =
        from recommendations in Gen.Zip(Gen.Elements("u0", "u1", "u2", "u3"), Gen.Choose(0, 6)).ListOf()
        from features in Gen.Zip(Gen.Elements("u0", "u1", "u2"), Gen.Choose(0, 6)).ListOf()
        from popularity in Gen.Zip(Gen.Zip(Gen.Elements("i0", "i1"), Gen.Elements("1h", "24h")), Gen.Zip(Gen.Choose(0, 1), Gen.Choose(0, 6))).ListOf()
        select new SinkBatch
        {
            Recommendations = [.. recommendations.Select(r => TestRows.Recommendation(r.Item1, r.Item2))],
            UserFeatures = [.. features.Select(f => TestRows.Features(f.Item1, f.Item2))],
            ItemPopularity = [.. popularity.Select(p => TestRows.Popularity(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item2))],
        };

    [Fact]
    public async Task Any_sequence_of_batches_in_any_order_leaves_the_newest_row_per_key()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await new PostgresMigrator(db).MigrateAsync(TestContext.Current.CancellationToken);
        var writer = new PostgresBatchWriter(db);
        var cases = Gen.Zip(BatchGen.ListOf().Where(b => b.Count > 0), Gen.Choose(0, int.MaxValue));

        // FsCheck properties are synchronous; each case runs its database round trips to completion.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (batches, seed) = c;
            var expected = MirrorSnapshot.NewestPerKey(batches);
            var shuffled = batches.ToArray();
            new Random(seed).Shuffle(shuffled);
            return WriteAndRead(batches).SameAs(expected) && WriteAndRead(shuffled).SameAs(expected);
        }));

        MirrorSnapshot WriteAndRead(IEnumerable<SinkBatch> batches)
        {
            Sql.ExecuteAsync(db, "TRUNCATE recommendations, user_features, item_popularity").GetAwaiter().GetResult();
            foreach (var batch in batches)
            {
                writer.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            }

            return MirrorSnapshot.ReadAsync(db).GetAwaiter().GetResult();
        }
    }
}
