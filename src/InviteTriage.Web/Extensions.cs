using InviteTriage.Data;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using InviteTriage.Web.Api;
using InviteTriage.Web.Auth;
using InviteTriage.Web.Components;
using InviteTriage.Web.Mailboxes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
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
        ThreadPoolMinimum.Apply(builder.Configuration);
        builder.AddTriageData().AddSignInManager();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.Cookie.Name = "InviteTriage.Auth";
            // HttpOnly is the default; Lax (not Strict) so that a link from an e-mail still arrives signed in. Secure
            // whenever the request came over https, so a TLS-terminating install never sends it in the clear.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The antiforgery cookie is HttpOnly and Strict already, but not Secure unless told, even over https.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // https is served by a reverse proxy in front of the app. Its X-Forwarded-Proto makes the cookies Secure, and its
        // X-Forwarded-For gives the sign-in limit the client's address instead of the proxy's one for everybody. Only a
        // proxy on this machine (loopback, the default) is believed, so a client cannot claim another address.
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        services.AddAuthorizationBuilder()
            // Every page needs a signed-in user unless it says otherwise (sign-in, registration, errors).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiEndpoints.Policy, policy => policy
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom left, clear of the inbox's detail drawer on the right and of the page's own actions at the top. A page's
        // messages go with it: an Undo in one acts through the page that made it, and on the next page the message would
        // cover that page's own buttons. Decisions are undone from History later, company aliases in Settings.
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            config.SnackbarConfiguration.ClearAfterNavigation = true;
        });

        services.AddTriageRateLimits(builder.Configuration);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // A request that does not bind says which parameter and value were wrong; that is all the caller needs. A
            // change that waited too long for the store says so, and that trying again is the remedy.
            if (context.Exception is BadHttpRequestException or StoreBusyException)
            {
                context.ProblemDetails.Detail = context.Exception.Message;
            }
            else if (context.Exception is { } refused && StoreBusyException.IsBusy(refused))
            {
                context.ProblemDetails.Detail = StoreBusyException.BusyMessage;
            }
        });
        services.ConfigureHttpJsonOptions(options => TriageJson.Configure(options.SerializerOptions));
        // A body or value that does not bind becomes a BadHttpRequestException, so its problem details say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi();

        var uploads = UploadLimit.From(builder.Configuration);
        services.AddSingleton(uploads);
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = uploads.MaxBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = uploads.MaxBytes + (1024 * 1024));
        services.AddHealthChecks().AddDbContextCheck<TriageDbContext>("database");
        services.AddHostedService<MailboxSyncService>();
        services.AddHostedService<CandidateBackfillService>();
    }

    public static void UseTriagePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSerilogRequestLogging();
        app.UseSecurityHeaders();

        // Pages answer errors with the error and not-found pages. These must stand in the main pipeline: a
        // re-execute inside a branch never reaches the page's endpoint.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Only a page visit is answered with the not-found page: re-executing a form post would post it to that page.
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            return next(context);
        });

        // The API answers with problem details instead, and a malformed request (a query value that does not
        // parse, say) is the caller's 400, never our 500.
        app.UseWhen(IsApi, api =>
        {
            api.Use((context, next) =>
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                return next(context);
            });
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => exception switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    var busy when StoreBusyException.IsBusy(busy) => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status500InternalServerError,
                },
                // The caller's mistake is not our error: no error log, no stack trace.
                SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
            });
            api.UseStatusCodePages();
            api.Use((context, next) => context.GetEndpoint() switch
            {
                // A path that matches no route: 404, not the sign-in redirect that the fallback policy would give.
                null => NotFoundAsync(context),

                // Routing's own 405 and 415 rejections are not our routes and reveal nothing; they answer at once.
                { } rejection and not RouteEndpoint => rejection.RequestDelegate!(context),
                _ => next(context),
            });
        });

        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: only then is an API caller's token principal known, so each member has a limit of
        // their own. A call with a bad token is refused before it is counted; 256-bit tokens cannot be guessed anyway.
        app.UseRateLimiter();
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

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
