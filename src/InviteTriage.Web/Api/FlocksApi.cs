using System.Globalization;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Flocks;
using InviteTriage.Data.Triage;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

internal static class FlocksApi
{
    public const string TotalCountHeader = "X-Total-Count";

    private const int DefaultPageSize = 50;

    public static void MapFlocksApi(this RouteGroupBuilder api)
    {
        var flocks = api.MapGroup("/flocks").WithTags("Flocks");
        flocks.MapGet("", ListAsync).WithName("ListFlocks")
            .WithDescription($"Every flock, most likely first; with page or pageSize (1 to {FlockQueries.MaxPageSize}, default {DefaultPageSize}) one page of the same list, and the {TotalCountHeader} header holds the list's length.");
        flocks.MapGet("/{id:long}", GetAsync).WithName("GetFlock")
            .ProducesProblem(StatusCodes.Status404NotFound);
        flocks.MapPost("/{id:long}/actions", ActAsync).WithName("ActOnFlock")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The owner's flocks as <c>flocks --json</c> prints them. With <c>page</c> or <c>pageSize</c> (an addition to
    /// DESIGN.md's route, which lists everything) it is one page of the same array, and the list's length is in
    /// <see cref="TotalCountHeader"/>: a thousand flocks with their members were 1.4 MB per request.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<FlockView>>, ValidationProblem>> ListAsync(
        HttpContext http, FlockQueries queries, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var values = new RequestValues();
        var statusFilter = values.Filter<FlockStatus>("status", status);
        if (values.Problem is { } problem)
        {
            return problem;
        }

        if (page is null && pageSize is null)
        {
            return TypedResults.Ok(await queries.ListAsync(http.User.OwnerId(), statusFilter, cancellationToken));
        }

        var listed = await queries.PageAsync(http.User.OwnerId(), statusFilter, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken);
        http.Response.Headers[TotalCountHeader] = listed.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(listed.Items);
    }

    private static async Task<Results<Ok<FlockView>, ProblemHttpResult>> GetAsync(
        HttpContext http, FlockQueries queries, long id, CancellationToken cancellationToken) =>
        await queries.GetAsync(http.User.OwnerId(), id, cancellationToken) is { } flock
            ? TypedResults.Ok(flock)
            : TypedResults.Problem($"There is no flock {id} of yours.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<TriageResponse>, ProblemHttpResult, ValidationProblem>> ActAsync(
        HttpContext http, TriageService triage, long id, ActionRequest? body, CancellationToken cancellationToken)
    {
        var values = new RequestValues();
        var action = values.Required<TriageAction>("action", body?.Action);
        if (values.Problem is { } problem)
        {
            return problem;
        }

        return TriageResponse.From(await triage.ActOnFlockAsync(http.User.OwnerId(), ApiActor.Of(http.User), id, action, cancellationToken));
    }
}
