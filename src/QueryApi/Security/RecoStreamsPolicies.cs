namespace RecoStreams.QueryApi.Security;

/// <summary>Authorization policy and role names of the query API.</summary>
public static class RecoStreamsPolicies
{
    /// <summary>The caller is the user named by the <c>{userId}</c> route value, or an admin.</summary>
    public const string SelfOrAdmin = "SelfOrAdmin";

    /// <summary>The caller is the user named by the <c>{userId}</c> route value, an admin, or has the privacy role.</summary>
    public const string SelfOrPrivacy = "SelfOrPrivacy";

    /// <summary>An operator who handles data-protection requests: may erase any user and set their consent.</summary>
    public const string PrivacyRole = "privacy";

    /// <summary>The caller has the admin role.</summary>
    public const string Admin = "Admin";

    public const string AdminRole = "admin";

    /// <summary>The caller has the admin or the trainer role: may train, list and activate model versions.</summary>
    public const string Trainer = "Trainer";

    /// <summary>May train models and activate versions the gate approved (not override the gate).</summary>
    public const string TrainerRole = "trainer";

    /// <summary>A producing system: may post engagement events of any user.</summary>
    public const string ServiceRole = "service";

    /// <summary>The route value <see cref="SelfOrAdmin"/> compares with the token's subject.</summary>
    public const string UserIdRouteValue = "userId";
}
