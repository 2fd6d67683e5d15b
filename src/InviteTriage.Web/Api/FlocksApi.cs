using InviteTriage.Core.Flocks;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Flocks;
using InviteTriage.Data.Triage;
using InviteTriage.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

internal static class FlocksApi
{
    public static void MapFlocksApi(this RouteGroupBuilder api)
    {
        var flocks = api.MapGroup("/flocks").WithTags("Flocks");
        flocks.MapGet("", ListAsync).WithName("ListFlocks");
        flocks.MapGet("/{id:long}", GetAsync).WithName("GetFlock")
            .ProducesProblem(StatusCodes.Status404NotFound);
        flocks.MapPost("/{id:long}/actions", ActAsync).WithName("ActOnFlock")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<IReadOnlyList<FlockView>>, ValidationProblem>> ListAsync(
        HttpContext http, FlockQueries queries, string? status, CancellationToken cancellationToken)
    {
        var values = new RequestValues();
        var statusFilter = values.Filter<FlockStatus>("status", status);
        if (values.Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await queries.ListAsync(http.User.OwnerId(), statusFilter, cancellationToken));
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
