using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Security;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>DI wiring of bearer authentication and the query API's authorization policies.</summary>
public static class SecurityExtensions
{
    /// <summary>
    /// Registers the bearer scheme (as the default), <see cref="JwtOptions"/> bound from
    /// <paramref name="configuration"/>'s "Jwt" section and validated at start-up, and the
    /// <see cref="RecoStreamsPolicies.SelfOrAdmin"/>, <see cref="RecoStreamsPolicies.Admin"/> and
    /// <see cref="RecoStreamsPolicies.Trainer"/> policies.
    /// </summary>
    public static IServiceCollection AddRecoStreamsJwtAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJwtValidator, JwtValidator>();

        services.AddAuthentication(JwtBearerLikeOptions.DefaultScheme)
            .AddScheme<JwtBearerLikeOptions, JwtBearerLikeHandler>(JwtBearerLikeOptions.DefaultScheme, _ => { });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SelfOrAdminHandler>());
        services.AddAuthorizationBuilder()
            .AddPolicy(RecoStreamsPolicies.SelfOrAdmin, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new SelfOrAdminRequirement()))
            .AddPolicy(RecoStreamsPolicies.SelfOrPrivacy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new SelfOrAdminRequirement(RecoStreamsPolicies.PrivacyRole)))
            .AddPolicy(RecoStreamsPolicies.Admin, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(RecoStreamsPolicies.AdminRole))
            .AddPolicy(RecoStreamsPolicies.Trainer, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(RecoStreamsPolicies.AdminRole, RecoStreamsPolicies.TrainerRole));
        return services;
    }
}
