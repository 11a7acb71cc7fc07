using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Configuration;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Cli;

/// <summary>
/// `token`: an HS256 token signed with the configured Jwt:HmacSecret (the same configuration `run` reads:
/// appsettings.json, then RECOSTREAMS__Jwt__HmacSecret), so scripts need not dig one out of the log.
/// </summary>
internal static class TokenCommand
{
    public const int Failed = 2;

    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = "admin (everything), service (may post any user's events) or user (only its own data, needs --subject).",
            DefaultValueFactory = _ => RecoStreamsPolicies.AdminRole,
        };
        role.AcceptOnlyFromAmong(RecoStreamsPolicies.AdminRole, RecoStreamsPolicies.ServiceRole, "user");
        var subject = new Option<string?>("--subject") { Description = "The token's sub: the user id for a user token (default: the role's name)." };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token is valid (e.g. 01:00:00).", DefaultValueFactory = _ => TimeSpan.FromHours(1) };
        lifetime.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<TimeSpan>() <= TimeSpan.Zero)
            {
                result.AddError("--lifetime must be positive.");
            }
        });
        var secret = new Option<string?>("--secret") { Description = "The HS256 secret; default: Jwt:HmacSecret from the configuration." };
        var command = new Command("token", "Print a bearer token for the query API, signed with the configured HS256 secret.") { role, subject, lifetime, secret };
        command.Validators.Add(result =>
        {
            if (result.GetValue(role) == "user" && string.IsNullOrWhiteSpace(result.GetValue(subject)))
            {
                result.AddError("a user token needs --subject (the user id).");
            }
        });
        command.SetAction(result =>
        {
            var key = result.GetValue(secret) ?? ConfiguredSecret();
            if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) < JwtOptionsValidator.MinHmacSecretBytes)
            {
                result.InvocationConfiguration.Error.WriteLine(string.IsNullOrEmpty(key)
                    ? "token failed: no secret. Set RECOSTREAMS__Jwt__HmacSecret (the one `run` uses) or pass --secret."
                    : $"token failed: the secret must be at least {JwtOptionsValidator.MinHmacSecretBytes} bytes.");
                return Failed;
            }

            var chosen = result.GetValue(role)!;
            var request = new JwtTokenRequest(result.GetValue(subject) ?? chosen)
            {
                Roles = chosen == "user" ? [] : [chosen],
                Lifetime = result.GetValue(lifetime),
            };
            result.InvocationConfiguration.Output.WriteLine(JwtTokenIssuer.Hs256(key).Issue(request));
            return 0;
        });
        return command;
    }

    private static string? ConfiguredSecret() =>
        new ConfigurationBuilder()
            .SetBasePath(Environment.CurrentDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(prefix: "RECOSTREAMS__")
            .Build()[$"{JwtOptions.SectionName}:{nameof(JwtOptions.HmacSecret)}"];
}
