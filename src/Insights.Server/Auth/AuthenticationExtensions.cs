using Microsoft.AspNetCore.Authorization;

namespace Insights.Server.Auth;

public static class AuthenticationExtensions
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ServerSecrets>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthentication(ApiKeyAuthenticationOptions.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationOptions.Scheme, o => o.AdminKey = configuration["Insights:AdminKey"]);
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Ingest, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scopes.Ingest)))
            .AddPolicy(Scopes.Read, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scopes.Read)))
            .AddPolicy(Scopes.Admin, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scopes.Admin)));
        return services;
    }
}
