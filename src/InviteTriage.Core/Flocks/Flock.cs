namespace InviteTriage.Core.Flocks;

/// <summary>A group of invitations from one company that arrived together and surprisingly (DETECTION.md).</summary>
public sealed class Flock
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string CompanyKey { get; set; }
    public required string Company { get; set; }
    public double Score { get; set; }
    public FlockSeverity Severity { get; set; }
    public FlockStatus Status { get; set; }
    public DateTime FirstSentAt { get; set; }
    public DateTime LastSentAt { get; set; }
    public int SenderCount { get; set; }

    /// <summary>The Poisson tail probability of the surprise test.</summary>
    public double PValue { get; set; }

    public List<FlagReason> Reasons { get; set; } = [];
    public List<FlockMember> Members { get; set; } = [];
    public DateTime DetectedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
