using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Insights.Server.Tests.Web;

/// <summary>
/// A real OpenID provider for the sign-in tests: OpenIddict's server on its own Kestrel port
/// (authorization code flow with PKCE, signed ID tokens, discovery and keys), with a login page where
/// the test picks who signs in. Its users carry a <c>roles</c> claim and, for some, a <c>teams</c> claim.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "platform-insights";

    private readonly WebApplication _app;

    private OpenIdProvider(WebApplication app, string address)
    {
        _app = app;
        Authority = address.TrimEnd('/') + "/";
    }

    public string Authority { get; }

    /// <summary>User name → their roles and teams, as the provider puts them in the ID token.</summary>
    public static IReadOnlyDictionary<string, (string Name, string[] Roles, string[] Teams)> Users { get; } = new Dictionary<string, (string, string[], string[])>
    {
        ["alice"] = ("Alice Admin", ["admin"], []),
        ["vera"] = ("Vera Viewer", ["viewer"], []),
        ["tina"] = ("Tina Payments", ["viewer"], ["payments"]),
        ["nora"] = ("Nora Norole", ["employee"], []),
    };

    public static async Task<OpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, "teams");
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            // No database: clients are not registered, tokens not stored (the codes are self-contained).
            server.EnableDegradedMode();
            server.DisableTokenStorage();
            server.DisableAuthorizationStorage();
            server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler =>
                handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId)
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    }

                    return default;
                }));
            server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ValidateTokenRequestContext>(handler =>
                handler.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId)
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client.");
                    }

                    return default;
                }));
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough();
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OpenIdProvider(app, address);
    }

    /// <summary>Without a chosen user: the login page (a form that carries the request's parameters). With one: signs them in.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var user = form?["login_user"].ToString();
        if (string.IsNullOrEmpty(user) || !Users.TryGetValue(user, out var found))
        {
            return Results.Content(LoginPage(request), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user));
        identity.AddClaim(new Claim(Claims.Name, found.Name));
        foreach (var role in found.Roles)
        {
            identity.AddClaim(new Claim("roles", role));
        }

        foreach (var team in found.Teams)
        {
            identity.AddClaim(new Claim("teams", team));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The code exchange: the principal the code carries, signed in again as tokens.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal ?? throw new InvalidOperationException("The code did not authenticate.");
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string LoginPage(OpenIddictRequest request)
    {
        var fields = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            fields.Append($"""<input type="hidden" name="{WebUtility.HtmlEncode(name)}" value="{WebUtility.HtmlEncode((string?)value)}">""");
        }

        var users = string.Concat(Users.Select(u => $"""<button type="submit" name="login_user" value="{u.Key}">Sign in as {WebUtility.HtmlEncode(u.Value.Name)}</button>"""));
        return $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
            <body><h1>Test identity provider</h1><form method="post" action="/connect/authorize">{fields}{users}</form></body></html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
