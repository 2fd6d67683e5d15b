namespace InviteTriage.Core.Invitations;

/// <summary>One connection invitation received by one user (the owner).</summary>
public sealed class Invitation
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public string Network { get; set; } = Networks.LinkedIn;

    /// <summary>The source's own id (LinkedIn's invitationId); the first dedupe key when present.</summary>
    public string? ExternalId { get; set; }

    public required string SenderName { get; set; }
    public string? SenderHeadline { get; set; }

    /// <summary>The company as shown to the user: given, parsed from the headline, or set by the user.</summary>
    public string? Company { get; set; }

    /// <summary>The normalised company the detector groups by; null when the company is unknown.</summary>
    public string? CompanyKey { get; set; }

    public string? SenderProfileUrl { get; set; }

    /// <summary>The normalised profile URL, or else the normalised name plus the company key.</summary>
    public required string SenderKey { get; set; }

    /// <summary>
    /// The sender's name as compared across sources (<c>PersonName.Normalize</c>): an e-mail and an export row
    /// without a profile URL are the same invitation when these match within 15 minutes.
    /// </summary>
    public string SenderNameKey { get; set; } = "";

    public DateTime SentAt { get; set; }

    /// <summary>Minutes since the Unix epoch of <see cref="SentAt"/>; the second dedupe key is to the minute.</summary>
    public long SentMinute { get; set; }

    public string? Message { get; set; }
    public MessageClass MessageClass { get; set; }
    public InvitationStatus Status { get; set; }
    public InvitationSource Source { get; set; }

    /// <summary>The flock this invitation currently belongs to (open or resolved), for fast inbox queries.</summary>
    public long? FlockId { get; set; }

    public long? ImportBatchId { get; set; }
    public string? AcceptUrl { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
