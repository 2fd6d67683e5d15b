namespace InviteTriage.Web.Api;

/// <summary>The JSON API under /api: token-authenticated, every answer filtered by the caller's ownership.</summary>
internal static class ApiEndpoints
{
    public const string Policy = "Api";

    public static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimits.Api)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapInvitationsApi();
        api.MapFlocksApi();
        api.MapHistoryApi();
        api.MapImportsApi();
    }
}
