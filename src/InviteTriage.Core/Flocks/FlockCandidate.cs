using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Flocks;

/// <summary>
/// A stored <see cref="DetectedCandidate"/>: one candidate group of a user's company timeline, flock or
/// not. Like flocks, candidates are a function of the user's invitations and settings, and detection keeps them
/// equal to what a rebuild would find.
/// </summary>
public sealed class FlockCandidate
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string CompanyKey { get; set; }
    public DateTime FirstSentAt { get; set; }
    public DateTime LastSentAt { get; set; }
    public int SenderCount { get; set; }

    /// <summary>B of the surprise test: the company's other invitations within 90 days either side.</summary>
    public int Baseline { get; set; }

    public DetectedCandidate ToDetected() => new(CompanyKey, FirstSentAt, LastSentAt, SenderCount, Baseline);
}
