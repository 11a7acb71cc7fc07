using RecoStreams.Streams.Kafka.Admin;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Admin;

public sealed class CopartitioningValidatorTests
{
    [Fact]
    public void Source_topics_with_different_partition_counts_fail_naming_topics_and_counts()
    {
        var subtopologies = new Dictionary<int, IReadOnlyCollection<string>> { [0] = ["orders", "customers"], [1] = ["other"] };
        var counts = new Dictionary<string, int> { ["orders"] = 4, ["customers"] = 6, ["other"] = 2 };

        var error = Assert.Throws<InvalidOperationException>(() => CopartitioningValidator.Validate(subtopologies, counts));

        Assert.Contains("Subtopology 0", error.Message);
        Assert.Contains("customers (6 partitions)", error.Message);
        Assert.Contains("orders (4 partitions)", error.Message);
    }

    [Fact]
    public void Missing_source_topics_are_reported_by_name()
    {
        var subtopologies = new Dictionary<int, IReadOnlyCollection<string>> { [0] = ["orders", "absent"] };

        var error = Assert.Throws<InvalidOperationException>(() =>
            CopartitioningValidator.Validate(subtopologies, new Dictionary<string, int> { ["orders"] = 4 }));

        Assert.Contains("absent", error.Message);
    }

    [Fact]
    public void Equal_counts_within_a_subtopology_pass_even_if_subtopologies_differ()
    {
        var subtopologies = new Dictionary<int, IReadOnlyCollection<string>> { [0] = ["a", "b"], [1] = ["c"] };

        CopartitioningValidator.Validate(subtopologies, new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 8 });
    }
}
