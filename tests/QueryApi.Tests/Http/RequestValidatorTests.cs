using RecoStreams.QueryApi.Http;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Http;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData(null, 20, true)]
    [InlineData("", 20, true)]
    [InlineData("1", 1, true)]
    [InlineData("100", 100, true)]
    [InlineData("0", 20, false)]
    [InlineData("101", 20, false)]
    [InlineData("-5", 20, false)]
    [InlineData("+5", 20, false)]
    [InlineData("ten", 20, false)]
    [InlineData("99999999999", 20, false)]
    public void Limit_is_an_integer_from_1_to_100(string? raw, int expected, bool valid)
    {
        var v = new RequestValidator();

        Assert.Equal(expected, v.Limit("limit", raw, defaultValue: 20));
        Assert.Equal(valid, !v.HasErrors);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("12345", true)]
    [InlineData("-1", false)]
    [InlineData("1.5", false)]
    public void Offset_is_a_non_negative_integer(string raw, bool valid)
    {
        var v = new RequestValidator();
        v.Offset("offset", raw);

        Assert.Equal(valid, !v.HasErrors);
    }

    [Theory]
    [InlineData("1h", RecommendationWindow.OneHour, true)]
    [InlineData("24h", RecommendationWindow.TwentyFourHours, true)]
    [InlineData(null, RecommendationWindow.TwentyFourHours, true)]
    [InlineData("1H", RecommendationWindow.TwentyFourHours, false)]
    [InlineData("7d", RecommendationWindow.TwentyFourHours, false)]
    public void Window_is_1h_or_24h(string? raw, RecommendationWindow expected, bool valid)
    {
        var v = new RequestValidator();

        Assert.Equal(expected, v.Window("window", raw, RecommendationWindow.TwentyFourHours));
        Assert.Equal(valid, !v.HasErrors);
    }

    [Fact]
    public void Collects_every_error_by_parameter_name()
    {
        var v = new RequestValidator();
        v.UserId("userId", "bad id");
        v.ItemId("itemId", "");
        v.Limit("limit", "0", 10);
        v.Add("limit", "another rule");

        Assert.Equal(["itemId", "limit", "userId"], v.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, v.Errors["limit"].Length);
    }
}
