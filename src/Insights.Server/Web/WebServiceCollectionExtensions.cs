using Insights.Server.Web.Auth;
using Insights.Server.Web.Figures;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insights.Server.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The web app (docs/web.md): Razor Pages under Web/Pages, a session cookie opened by an API key or
    /// by OpenID Connect, antiforgery on every form, and the data-protection keys in PostgreSQL.
    /// </summary>
    public static IServiceCollection AddInsightsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebOptions>(configuration.GetSection(WebOptions.Section));
        var web = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/", WebAuth.ViewerPolicy);
            o.Conventions.AuthorizeFolder("/Admin", WebAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Reports", WebAuth.AdminPolicy);
            o.Conventions.AuthorizeFolder("/Surveys", WebAuth.AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignInOidc");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AddFolderApplicationModelConvention("/", model => model.EndpointMetadata.Add(WebPageMarker.Instance));
        }).AddMvcOptions(o => o.Filters.Add<WebPageFilter>())
        .ConfigureApplicationPartManager(parts =>
        {
            // TRICKY: pages are found in the entry assembly's parts; a host started by tests has another entry assembly.
            var assembly = typeof(WebServiceCollectionExtensions).Assembly;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                if (!parts.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "insights.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The CSP's frame-ancestors says it, and SecurityHeadersMiddleware sends DENY.
            o.SuppressXFrameOptionsHeader = true;
        });

        services.AddDataProtection().SetApplicationName("platform-insights");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));

        var authentication = services.AddAuthentication().AddCookie(WebAuth.CookieScheme, o =>
        {
            o.Cookie.Name = WebAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(Math.Clamp(web.SessionHours, 1, (int)WebCookieEvents.MaxSessionAge.TotalHours));
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            o.EventsType = typeof(WebCookieEvents);
        });
        services.AddSingleton<WebCookieEvents>();
        if (web.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(WebAuth.OidcScheme, o => ConfigureOidc(o, web.Oidc));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(WebAuth.ViewerPolicy, p => p.AddAuthenticationSchemes(WebAuth.CookieScheme).RequireClaim(WebAuth.RoleClaim, WebAuth.Viewer, WebAuth.Admin))
            .AddPolicy(WebAuth.AdminPolicy, p => p.AddAuthenticationSchemes(WebAuth.CookieScheme).RequireClaim(WebAuth.RoleClaim, WebAuth.Admin));

        services.AddSingleton<ApiKeySignIn>();
        services.AddSingleton<ScopeBoards>();
        services.AddSingleton<PageFigures>();
        return services;
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, WebOidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.EffectiveClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = "code";
        o.UsePkce = true;
        // The code comes back in the query of a top-level GET: no cross-site POST, no form-action exception in the CSP.
        o.ResponseMode = "query";
        o.SignInScheme = WebAuth.CookieScheme;
        o.CallbackPath = "/sign-in/oidc/callback";
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        // Claims keep the provider's names, so that role_claim and team_claim mean what the provider sends.
        o.MapInboundClaims = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        foreach (var scope in oidc.Scopes)
        {
            o.Scope.Add(scope);
        }

        o.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnTokenValidated = context => OidcSignIn.OnTokenValidatedAsync(context, oidc);
        o.Events.OnRemoteFailure = context =>
        {
            var message = context.Failure?.Message ?? string.Empty;
            var reason = new[] { OidcSignIn.NoRoleError, OidcSignIn.NoTeamError }.FirstOrDefault(r => message.Contains(r, StringComparison.Ordinal)) ?? "oidc";
            context.Response.Redirect("/sign-in?failed=" + reason);
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
