namespace InviteTriage.Data.Triage;

/// <summary>
/// What an action did. <see cref="Outcome"/> says whether it happened; <see cref="Message"/> says it in words for
/// the user; <see cref="Conflicts"/> names the invitations that blocked an undo.
/// </summary>
public sealed record TriageResult(TriageOutcome Outcome, string Message, long? EventId = null, int Changed = 0, IReadOnlyList<long>? Conflicts = null)
{
    public static TriageResult NotFound(string message) => new(TriageOutcome.NotFound, message);

    public static TriageResult Invalid(string message) => new(TriageOutcome.Invalid, message);

    public static TriageResult Done(string message, long? eventId, int changed) => new(TriageOutcome.Done, message, eventId, changed);
}
