namespace InviteTriage.Core.Detection;

/// <summary>
/// A group of the walk with at least N distinct senders, flock or not, with its baseline count B: everything its
/// surprise test needs besides the data's coverage. The storage layer keeps every candidate, so that when the
/// coverage moves (a new first or last day) it re-tests them with arithmetic instead of reading their companies again.
/// </summary>
public sealed record DetectedCandidate(string CompanyKey, DateTime FirstSentAt, DateTime LastSentAt, int SenderCount, int Baseline)
{
    public SurpriseResult Test(DataCoverage coverage, DetectionSettings settings) =>
        SurpriseTest.Evaluate(FirstSentAt, LastSentAt, SenderCount, Baseline, coverage, settings);
}
