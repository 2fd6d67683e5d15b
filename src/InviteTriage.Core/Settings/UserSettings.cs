namespace InviteTriage.Core.Settings;

/// <summary>A user's detection parameters and preferences; the defaults are those of DETECTION.md.</summary>
public sealed class UserSettings
{
    public required string OwnerId { get; set; }

    /// <summary>H: the largest gap between consecutive invitations of one flock.</summary>
    public double GapHours { get; set; } = 24;

    /// <summary>S: the largest span of one flock, so that long chains do not grow without bound.</summary>
    public double SpanHours { get; set; } = 72;

    /// <summary>N: the fewest distinct senders that make a flock.</summary>
    public int MinSenders { get; set; } = 3;

    /// <summary>α: a candidate is a flock when its Poisson tail p ≤ α.</summary>
    public double Alpha { get; set; } = 1e-4;

    /// <summary>A flock whose score reaches this is "likely"; below it, "review".</summary>
    public double LikelyThreshold { get; set; } = 6;

    public bool AutoArchiveLikely { get; set; }
    public List<string> OwnEmployers { get; set; } = [];
    public List<string> TrustedCompanies { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}
