using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Security;

public sealed class JwtValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
    private readonly FixedTimeProvider _clock = new(Now);

    [Fact]
    public void Accepts_valid_hs256_token_and_maps_subject_and_roles_to_claims()
    {
        var token = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock).Issue(new("alice") { Roles = ["admin", "analyst"] });

        var result = Validator(o => o.HmacSecret = TestKeys.HmacSecret).Validate(token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("alice", result.Principal!.Identity!.Name);
        Assert.Equal("alice", result.Principal.FindFirst(JwtClaimTypes.Subject)!.Value);
        Assert.True(result.Principal.IsInRole("admin"));
        Assert.True(result.Principal.IsInRole("analyst"));
    }

    [Fact]
    public void Accepts_single_role_claim_as_a_string()
    {
        var token = Hs256Token("""{"alg":"HS256"}""", $$"""{"sub":"bob","role":"admin","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        var result = Validator(o => o.HmacSecret = TestKeys.HmacSecret).Validate(token);

        Assert.True(result.Principal!.IsInRole("admin"));
    }

    [Fact]
    public void Accepts_valid_rs256_token_with_the_key_its_kid_selects()
    {
        var token = JwtTokenIssuer.Rs256(TestKeys.Rsa2, "k2", _clock).Issue(new("carol"));

        var result = RsaValidator().Validate(token);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("carol", result.Principal!.Identity!.Name);
    }

    [Fact]
    public void Rs256_token_without_kid_is_tried_against_every_configured_key()
    {
        var token = JwtTokenIssuer.Rs256(TestKeys.Rsa2, keyId: null, _clock).Issue(new("carol"));

        Assert.True(RsaValidator().Validate(token).Succeeded);
    }

    [Fact]
    public void Rs256_token_naming_another_or_unknown_kid_is_rejected()
    {
        var wrongKid = JwtTokenIssuer.Rs256(TestKeys.Rsa2, "k1", _clock).Issue(new("carol"));
        var unknownKid = JwtTokenIssuer.Rs256(TestKeys.Rsa2, "k9", _clock).Issue(new("carol"));

        Assert.Equal("The token signature is invalid.", RsaValidator().Validate(wrongKid).Error);
        Assert.Equal("The token's signing key is unknown.", RsaValidator().Validate(unknownKid).Error);
    }

    [Fact]
    public void Expired_token_is_rejected_once_past_the_clock_skew()
    {
        var token = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock).Issue(new("alice") { Lifetime = TimeSpan.FromMinutes(1) });
        var validator = Validator(o => o.HmacSecret = TestKeys.HmacSecret);

        _clock.Now = Now.AddMinutes(1).AddSeconds(29);
        Assert.True(validator.Validate(token).Succeeded);
        _clock.Now = Now.AddMinutes(1).AddSeconds(31);
        Assert.StartsWith("The token expired at ", validator.Validate(token).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_yet_valid_token_is_rejected_until_within_the_clock_skew()
    {
        var token = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock).Issue(new("alice") { NotBefore = Now.AddMinutes(2) });
        var validator = Validator(o =>
        {
            o.HmacSecret = TestKeys.HmacSecret;
            o.ClockSkew = TimeSpan.FromSeconds(10);
        });

        Assert.StartsWith("The token is not valid before ", validator.Validate(token).Error, StringComparison.Ordinal);
        _clock.Now = Now.AddMinutes(2).AddSeconds(-9);
        Assert.True(validator.Validate(token).Succeeded);
    }

    [Fact]
    public void Token_signed_with_another_secret_or_with_a_tampered_payload_is_rejected()
    {
        var validator = Validator(o => o.HmacSecret = TestKeys.HmacSecret);
        var foreign = JwtTokenIssuer.Hs256("another-secret-that-is-at-least-32-bytes", _clock).Issue(new("alice"));
        var genuine = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock).Issue(new("alice")).Split('.');
        var forgedPayload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"sub":"bob","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}"""));
        var tampered = $"{genuine[0]}.{forgedPayload}.{genuine[2]}";

        Assert.Equal("The token signature is invalid.", validator.Validate(foreign).Error);
        Assert.Equal("The token signature is invalid.", validator.Validate(tampered).Error);
    }

    [Fact]
    public void Token_for_another_audience_or_issuer_is_rejected()
    {
        var validator = Validator(o =>
        {
            o.HmacSecret = TestKeys.HmacSecret;
            o.Audience = "recostreams";
            o.Issuer = "https://idp.example";
        });
        var issuer = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock);

        Assert.True(validator.Validate(issuer.Issue(new("a") { Audience = "recostreams", Issuer = "https://idp.example" })).Succeeded);
        Assert.Equal("The token's audience is not accepted.",
            validator.Validate(issuer.Issue(new("a") { Audience = "billing", Issuer = "https://idp.example" })).Error);
        Assert.Equal("The token's audience is not accepted.",
            validator.Validate(issuer.Issue(new("a") { Issuer = "https://idp.example" })).Error);
        Assert.Equal("The token's issuer is not accepted.",
            validator.Validate(issuer.Issue(new("a") { Audience = "recostreams", Issuer = "https://evil.example" })).Error);
    }

    [Fact]
    public void Audience_may_be_an_array_containing_the_configured_audience()
    {
        var token = Hs256Token("""{"alg":"HS256"}""", $$"""{"sub":"a","aud":["x","recostreams"],"exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        var result = Validator(o =>
        {
            o.HmacSecret = TestKeys.HmacSecret;
            o.Audience = "recostreams";
        }).Validate(token);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void Unsigned_alg_none_token_is_rejected()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"sub":"admin","roles":["admin"],"exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}"""));

        var result = Validator(o => o.HmacSecret = TestKeys.HmacSecret).Validate($"{header}.{payload}.");

        Assert.Equal("The token's signing algorithm is not accepted.", result.Error);
    }

    [Fact]
    public void Hs256_token_keyed_with_the_rsa_public_key_is_rejected_when_only_rsa_keys_are_configured()
    {
        // The classic confusion attack: the public key is public, so an attacker can HMAC with its bytes.
        var forged = JwtTokenIssuer.Hs256(TestKeys.PublicPem(TestKeys.Rsa1), _clock).Issue(new("mallory") { Roles = ["admin"] });

        Assert.Equal("The token's signing algorithm is not accepted.", RsaValidator().Validate(forged).Error);
    }

    [Fact]
    public void Rs256_token_is_rejected_when_only_an_hmac_secret_is_configured()
    {
        var token = JwtTokenIssuer.Rs256(TestKeys.Rsa1, "k1", _clock).Issue(new("carol"));

        Assert.Equal("The token's signing algorithm is not accepted.", Validator(o => o.HmacSecret = TestKeys.HmacSecret).Validate(token).Error);
    }

    [Theory]
    [InlineData("abc.def", "The token is not a compact JWS of three dot-separated parts.")]
    [InlineData("a.b.c.d", "The token is not a compact JWS of three dot-separated parts.")]
    [InlineData("not-a-token", "The token is not a compact JWS of three dot-separated parts.")]
    [InlineData("e30*.e30.sig", "The token is not valid base64url.")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30=.c2ln", "The token is not valid base64url.")]
    [InlineData("bm90IGpzb24.e30.c2ln", "The token header is not a JSON object.")]
    [InlineData("W10.e30.c2ln", "The token header is not a JSON object.")]
    [InlineData("eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieCJdfQ.e30.c2ln", "The token uses critical header extensions this server does not support.")]
    public void Malformed_token_is_rejected_with_a_reason(string token, string reason) =>
        Assert.Equal(reason, Validator(o => o.HmacSecret = TestKeys.HmacSecret).Validate(token).Error);

    [Fact]
    public void Token_without_expiry_or_subject_is_rejected()
    {
        var validator = Validator(o => o.HmacSecret = TestKeys.HmacSecret);

        Assert.Equal("The token has no expiration time.", validator.Validate(Hs256Token("""{"alg":"HS256"}""", """{"sub":"a"}""")).Error);
        Assert.Equal("The token's exp is not a NumericDate.", validator.Validate(Hs256Token("""{"alg":"HS256"}""", """{"sub":"a","exp":"soon"}""")).Error);
        Assert.Equal("The token has no subject.", validator.Validate(Hs256Token(
            """{"alg":"HS256"}""", $$"""{"exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""")).Error);
        Assert.Equal("The token payload is not a JSON object.", validator.Validate(Hs256Token("""{"alg":"HS256"}""", "[1]")).Error);
    }

    [Fact]
    public void Arbitrary_input_is_never_accepted_and_never_throws()
    {
        var validator = Validator(o => o.HmacSecret = TestKeys.HmacSecret);
        var prop = Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), input => !validator.Validate(input.Get).Succeeded);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void Flipping_any_bit_of_a_valid_signature_invalidates_the_token()
    {
        var validator = Validator(o => o.HmacSecret = TestKeys.HmacSecret);
        var parts = JwtTokenIssuer.Hs256(TestKeys.HmacSecret, _clock).Issue(new("alice")).Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        var prop = Prop.ForAll(Gen.Choose(0, (signature.Length * 8) - 1).ToArbitrary(), bit =>
        {
            var flipped = (byte[])signature.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            return !validator.Validate($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(flipped)}").Succeeded;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(256), prop);
    }

    [Fact]
    public void Options_validation_refuses_short_secrets_bad_pems_small_rsa_keys_and_no_keys()
    {
        var validator = new JwtOptionsValidator();
        using var small = RSA.Create(1024);

        Assert.True(validator.Validate(null, new JwtOptions { HmacSecret = TestKeys.HmacSecret }).Succeeded);
        Assert.True(validator.Validate(null, new JwtOptions()).Failed);
        Assert.True(validator.Validate(null, new JwtOptions { HmacSecret = "too-short" }).Failed);
        var badPem = new JwtOptions();
        badPem.RsaPublicKeysPem["k"] = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";
        Assert.True(validator.Validate(null, badPem).Failed);
        var smallKey = new JwtOptions();
        smallKey.RsaPublicKeysPem["k"] = TestKeys.PublicPem(small);
        Assert.Contains("1024 bits", validator.Validate(null, smallKey).FailureMessage, StringComparison.Ordinal);
    }

    private JwtValidator Validator(Action<JwtOptions> configure)
    {
        var options = new JwtOptions();
        configure(options);
        return new JwtValidator(Options.Create(options), _clock);
    }

    private JwtValidator RsaValidator() => Validator(o =>
    {
        o.RsaPublicKeysPem["k1"] = TestKeys.PublicPem(TestKeys.Rsa1);
        o.RsaPublicKeysPem["k2"] = TestKeys.PublicPem(TestKeys.Rsa2);
    });

    private static string Hs256Token(string headerJson, string payloadJson)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestKeys.HmacSecret), Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }
}
