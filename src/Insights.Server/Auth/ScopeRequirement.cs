using Microsoft.AspNetCore.Authorization;

namespace Insights.Server.Auth;

/// <summary>The caller's key holds <see cref="Scope"/> (or <c>admin</c>, which holds every scope).</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasClaim(Scopes.ClaimType, requirement.Scope) || context.User.HasClaim(Scopes.ClaimType, Scopes.Admin))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
