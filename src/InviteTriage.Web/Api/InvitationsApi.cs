using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using InviteTriage.Ingest;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

internal static class InvitationsApi
{
    public static void MapInvitationsApi(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/invitations").WithTags("Invitations");
        invitations.MapGet("", ListAsync).WithName("ListInvitations");
        invitations.MapGet("/{id:long}", GetAsync).WithName("GetInvitation")
            .ProducesProblem(StatusCodes.Status404NotFound);
        invitations.MapPost("", AddAsync).WithName("AddInvitations")
            // Any content type is read, so that a body that is not JSON is named in a 400 rather than matched to no route.
            .Accepts<IReadOnlyList<ApiDraft>>("application/json", "*/*")
            .WithDescription("The body is one draft object or an array of drafts; rejected elements come back with their 0-based index.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        invitations.MapPost("/actions", ActAsync).WithName("ActOnInvitations")
            .ProducesProblem(StatusCodes.Status404NotFound);
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
        var values = new RequestValues();
        var statusFilter = values.Filter<InvitationStatus>("status", status);
        if (values.Problem is { } problem)
        {
            return problem;
        }

        var filter = new InvitationFilter(statusFilter, flockId, company, q, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(await queries.ListAsync(http.User.OwnerId(), filter, cancellationToken));
    }

    private static async Task<Results<Ok<InvitationDetail>, ProblemHttpResult>> GetAsync(
        HttpContext http, InvitationQueries queries, long id, CancellationToken cancellationToken) =>
        await queries.GetAsync(http.User.OwnerId(), id, cancellationToken) is { } invitation
            ? TypedResults.Ok(invitation)
            : TypedResults.Problem($"There is no invitation {id} of yours.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> AddAsync(
        HttpContext http, ImportService imports, CancellationToken cancellationToken)
    {
        var (drafts, problem) = await DraftBody.ReadAsync(http.Request, cancellationToken);
        if (drafts is null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "The body is not a draft or an array of drafts.");
        }

        var summary = await imports.ImportAsync(
            http.User.OwnerId(), ApiActor.Of(http.User), "json", [ImportSource.FromStream(drafts, "request", ImportFormat.Json)], null, cancellationToken);
        return summary.Error is { } error
            ? TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "The body is not a draft or an array of drafts; nothing was stored.")
            : TypedResults.Ok(ImportResponse.From(summary));
    }

    private static async Task<Results<Ok<TriageResponse>, ProblemHttpResult, ValidationProblem>> ActAsync(
        HttpContext http, TriageService triage, InvitationActionsRequest? body, CancellationToken cancellationToken)
    {
        var values = new RequestValues();
        var action = values.Required<TriageAction>("action", body?.Action);
        if (values.Problem is { } problem)
        {
            return problem;
        }

        return TriageResponse.From(await triage.ActOnInvitationsAsync(
            http.User.OwnerId(), ApiActor.Of(http.User), body?.Ids ?? [], action, cancellationToken));
    }
}
