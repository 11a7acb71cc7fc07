using Microsoft.AspNetCore.Authentication;

namespace RecoStreams.QueryApi.Security;

/// <summary>Scheme options of <see cref="JwtBearerLikeHandler"/>; token rules live in <see cref="JwtOptions"/>.</summary>
public sealed class JwtBearerLikeOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme name, as in the <c>Authorization: Bearer</c> header.</summary>
    public const string DefaultScheme = "Bearer";
}
