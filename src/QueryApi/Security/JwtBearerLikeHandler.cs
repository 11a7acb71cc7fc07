using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoStreams.QueryApi.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> requests through <see cref="IJwtValidator"/> and answers
/// challenges as RFC 6750 §3 describes: a bare <c>Bearer</c> challenge when no token came, and
/// <c>error="invalid_token"</c> with a description when one did but failed. The body is left empty so
/// the status-code pages turn it into problem details like every other error.
/// </summary>
public sealed partial class JwtBearerLikeHandler(
    IOptionsMonitor<JwtBearerLikeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IJwtValidator validator)
    : AuthenticationHandler<JwtBearerLikeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = authorization[Prefix.Length..].Trim();
        if (token.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is empty."));
        }

        var result = validator.Validate(token);
        if (!result.Succeeded)
        {
            LogRejected(Logger, result.Error!);
            return Task.FromResult(AuthenticateResult.Fail(result.Error!));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(result.Principal!, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = outcome.Failure is { } failure
            ? $"Bearer error=\"invalid_token\", error_description=\"{QuotedStringSafe(failure.Message)}\""
            : "Bearer";
    }

    /// <summary>Keeps the description a valid quoted-string: no quotes, backslashes or control characters.</summary>
    private static string QuotedStringSafe(string text) =>
        new(text.Where(c => c != '"' && c != '\\' && !char.IsControl(c)).ToArray());

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
