using InviteTriage.Core.History;
using InviteTriage.Data.History;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

internal static class HistoryApi
{
    public static void MapHistoryApi(this RouteGroupBuilder api)
    {
        var history = api.MapGroup("/history").WithTags("History");
        history.MapGet("", ListAsync).WithName("ListHistory");
        history.MapPost("/{id:long}/undo", UndoAsync).WithName("UndoHistoryEvent")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Page<HistoryEntry>>, ValidationProblem>> ListAsync(
        HttpContext http,
        HistoryQueries queries,
        string? kind,
        string? from,
        string? to,
        string? company,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var values = new RequestValues();
        var kindFilter = values.Filter<FlagEventKind>("kind", kind);
        var fromTime = values.Time("from", from);
        var toTime = values.Time("to", to);
        if (fromTime > toTime)
        {
            values.Refuse("to", $"'{to}' is before from '{from}'.");
        }

        if (values.Problem is { } problem)
        {
            return problem;
        }

        var filter = new HistoryFilter(kindFilter, fromTime, toTime, Page: page ?? 1, PageSize: pageSize ?? 100) { Company = company };
        return TypedResults.Ok(await queries.ListAsync(http.User.OwnerId(), filter, cancellationToken));
    }

    private static async Task<Results<Ok<TriageResponse>, ProblemHttpResult, ValidationProblem>> UndoAsync(
        HttpContext http, TriageService triage, long id, CancellationToken cancellationToken) =>
        TriageResponse.From(await triage.UndoAsync(http.User.OwnerId(), ApiActor.Of(http.User), id, cancellationToken));
}
