using InviteTriage.Core.Invitations;
using InviteTriage.Core.Text;
using InviteTriage.Data.Invitations;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

internal static class InvitationsApi
{
    public static void MapInvitationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/invitations", ListAsync).WithName("ListInvitations");
    }

    private static async Task<Results<Ok<Page<InvitationView>>, ValidationProblem>> ListAsync(
        HttpContext http,
        InvitationQueries queries,
        string? status,
        long? flockId,
        string? company,
        string? q,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        InvitationStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status) && status != "all")
        {
            if (!KebabName.TryParse<InvitationStatus>(status, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not a status; use {KebabName.All<InvitationStatus>()}|all."],
                });
            }

            statusFilter = parsed;
        }

        var filter = new InvitationFilter(statusFilter, flockId, company, q, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(await queries.ListAsync(http.User.OwnerId(), filter, cancellationToken));
    }
}
