using InviteTriage.Data.Triage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InviteTriage.Web.Api;

/// <summary>The answer to a triage action or an undo that happened.</summary>
internal sealed record TriageResponse(string Message, long? EventId, int Changed)
{
    /// <summary>
    /// Done is 200; NotFound (an unknown or foreign id) is 404; Invalid is 400, not 422, so that every request the
    /// API refuses without trying is one status whether the JSON was bad or the action does not apply; Conflict is
    /// 409 with the invitations that changed since in <c>conflicts</c>.
    /// </summary>
    public static Results<Ok<TriageResponse>, ProblemHttpResult, ValidationProblem> From(TriageResult result) => result.Outcome switch
    {
        TriageOutcome.Done => TypedResults.Ok(new TriageResponse(result.Message, result.EventId, result.Changed)),
        TriageOutcome.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found; nothing was changed."),
        TriageOutcome.Invalid => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest, title: "The action does not apply; nothing was changed."),
        TriageOutcome.Conflict => TypedResults.Problem(
            result.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Invitations changed since; nothing was changed.",
            extensions: new Dictionary<string, object?> { ["conflicts"] = result.Conflicts ?? [] }),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Not a triage outcome."),
    };
}
