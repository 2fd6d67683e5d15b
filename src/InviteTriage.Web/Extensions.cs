using InviteTriage.Data;
using InviteTriage.Web.Api;
using InviteTriage.Web.Auth;
using InviteTriage.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Serilog;

namespace InviteTriage.Web;

/// <summary>The composition root: what the web app is made of, and the order requests go through it.</summary>
internal static class Extensions
{
    public static void AddTriageWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddTriageData()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.Name = "InviteTriage.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            // Every page needs a signed-in user unless it says otherwise (sign-in, registration, errors).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiEndpoints.Policy, policy => policy
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => TriageJson.Configure(options.SerializerOptions));
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<TriageDbContext>("database");
    }

    public static void UseTriagePipeline(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseSecurityHeaders();

        // The API answers errors with problem details; pages answer with the error and not-found pages.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapTriageEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapApiEndpoints();
        // Blazor adds its own "frame-ancestors 'self'" header; ours ('none', on every response) replaces it.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
