using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace RecoStreams.Ingestion.Tests;

public sealed class FieldErrorsTests
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";

    [Theory]
    [InlineData("u1")]
    [InlineData("user:42.eu-west_1")]
    [InlineData("x")]
    public void Accepts_ids_of_allowed_characters(string id) => Assert.True(FieldErrors.IsValidId(id));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("slash/es")]
    [InlineData("ümlaut")]
    [InlineData("semi;colon")]
    public void Rejects_ids_that_are_empty_or_have_other_characters(string? id) => Assert.False(FieldErrors.IsValidId(id));

    [Fact]
    public void Id_length_limit_is_128_characters()
    {
        Assert.True(FieldErrors.IsValidId(new string('a', 128)));
        Assert.False(FieldErrors.IsValidId(new string('a', 129)));
    }

    [Fact]
    public void Any_id_is_valid_exactly_when_every_character_is_allowed_and_length_is_1_to_128()
    {
        var prop = Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), s =>
        {
            var id = s.Get;
            var expected = id.Length is >= 1 and <= 128 && id.All(c => IdAlphabet.Contains(c, StringComparison.Ordinal));
            return FieldErrors.IsValidId(id) == expected;
        });
        var generated = Gen.Elements(IdAlphabet.ToCharArray()).ArrayOf().Select(chars => new string(chars));
        var propAllowed = Prop.ForAll(generated.ToArbitrary(), id => FieldErrors.IsValidId(id) == (id.Length is >= 1 and <= 128));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), propAllowed);
    }

    [Fact]
    public void Collects_every_error_by_field_name()
    {
        var errors = new FieldErrors();
        errors.UserId("user_id", "bad id");
        errors.ItemId("item_id", "");
        errors.Add("rating", "must be 0.5 to 5");
        errors.Add("rating", "is required");

        Assert.Equal(["item_id", "rating", "user_id"], errors.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, errors.ErrorCount);
        Assert.Equal(string.Empty, errors.UserId("user_id", "has space"));
    }
}
