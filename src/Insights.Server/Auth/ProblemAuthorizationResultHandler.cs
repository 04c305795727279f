using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Insights.Server.Auth;

/// <summary>Answers 401 and 403 as problem details that say what is missing.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // The web app's pages sign in with a cookie: their challenge is a redirect to /sign-in, their 403 a page.
        if (policy.AuthenticationSchemes.Contains(Web.Auth.WebAuth.CookieScheme))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            var hasKey = ApiKeyAuthenticationHandler.ReadKey(context.Request) is not null;
            context.Response.Headers.WWWAuthenticate = context.GetEndpoint()?.Metadata.GetMetadata<BasicChallenge>()?.Headers ?? "Bearer";
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: hasKey
                    ? "The API key is not valid (unknown or revoked)."
                    : "This endpoint needs an API key: send 'Authorization: Bearer <key>'.").ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var needed = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).FirstOrDefault() ?? "another";
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                detail: $"This API key lacks the '{needed}' scope.").ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
