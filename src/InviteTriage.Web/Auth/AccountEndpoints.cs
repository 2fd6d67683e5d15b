using InviteTriage.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace InviteTriage.Web.Auth;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

    // A form post from the layout. The antiforgery middleware only records its verdict, and this handler binds no
    // form that would enforce it, so it checks: otherwise any site could sign our users out.
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext http, SignInManager<TriageUser> signIn)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired. Reload the page and sign out again.");
        }

        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("~/account/login");
    }
}
