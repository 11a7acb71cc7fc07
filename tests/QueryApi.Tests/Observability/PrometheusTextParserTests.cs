using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

/// <summary>The parser's strictness is what the exposition tests rely on, so it is tested too.</summary>
public sealed class PrometheusTextParserTests
{
    [Theory]
    [InlineData("a 1", "no trailing line feed")]
    [InlineData("a 1 soon\n", "bad timestamp")]
    [InlineData("a 1\n# TYPE a gauge\n", "TYPE after samples")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\na 1\n", "second TYPE")]
    [InlineData("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n", "family not contiguous")]
    [InlineData("a{x=\"\\t\"} 1\n", "unknown escape")]
    [InlineData("a{x=1} 1\n", "unquoted label value")]
    [InlineData("a{x=\"1\",x=\"2\"} 1\n", "duplicate label")]
    [InlineData("a{1x=\"1\"} 1\n", "bad label name")]
    [InlineData("a.b 1\n", "bad metric name")]
    [InlineData("a one\n", "bad value")]
    [InlineData("a 1\na 2\n", "duplicate series")]
    [InlineData("# TYPE c counter\nc -1\n", "negative counter")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "non-cumulative buckets")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n", "+Inf differs from count")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "missing sum")]
    public void Rejects_text_that_breaks_the_format(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }

    [Fact]
    public void Accepts_the_spec_example_with_comments_timestamps_and_trailing_comma()
    {
        const string text = "# A comment\n# HELP h Help.\n# TYPE h histogram\n"
            + "h_bucket{le=\"0.05\",} 24054 1395066363000\nh_bucket{le=\"+Inf\"} 144320\nh_sum 53423\nh_count 144320\n\n"
            + "# TYPE g gauge\ng{path=\"a\\\\b\"} -Inf\n";

        var families = PrometheusTextParser.Parse(text);

        Assert.Equal(144320, families["h"].Samples.Single(s => s.Label("le") == "+Inf").Value);
        Assert.Equal("a\\b", families["g"].Samples.Single().Label("path"));
    }
}
