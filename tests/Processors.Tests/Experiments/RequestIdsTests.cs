using RecoStreams.Processors.Experiments;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class RequestIdsTests
{
    [Fact]
    public void A_list_outside_any_experiment_gets_a_version_8_uuid_that_says_so()
    {
        var id = RequestIds.New(inExperiment: false);

        Assert.Equal(8, Guid.Parse(id).Version);
        Assert.True(RequestIds.IsOutsideExperiments(id));
    }

    [Fact]
    public void A_list_in_an_experiment_gets_a_version_7_uuid_attributed_through_its_exposure()
    {
        var id = RequestIds.New(inExperiment: true);

        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.False(RequestIds.IsOutsideExperiments(id));
    }

    [Fact]
    public void Outside_ids_keep_the_time_order_and_uniqueness_of_version_7()
    {
        var ids = Enumerable.Range(0, 1_000).Select(i => RequestIds.New(inExperiment: i % 2 == 0)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First[..13], pair.Second[..13]) <= 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("0190a6f3-1c2d-4e5f-8a9b-0c1d2e3f4a5b")]
    public void Anything_else_is_not_taken_for_an_outside_id(string requestId) =>
        Assert.False(RequestIds.IsOutsideExperiments(requestId));

    [Fact]
    public void A_request_id_in_utf8_is_told_apart_as_its_string_is()
    {
        var outside = RequestIds.New(inExperiment: false);
        string[] ids = [outside, outside.ToUpperInvariant(), RequestIds.New(inExperiment: true), "", "not-a-uuid", "0190a6f3-1c2d-4e5f-8a9b-0c1d2e3f4a5b"];

        Assert.Equal(
            ids.Select(RequestIds.IsOutsideExperiments),
            ids.Select(id => RequestIds.IsOutsideExperiments(System.Text.Encoding.UTF8.GetBytes(id).AsSpan())));
        Assert.Equal([true, true, false, false, false, false], ids.Select(id => RequestIds.IsOutsideExperiments(System.Text.Encoding.UTF8.GetBytes(id).AsSpan())));
    }
}
