namespace InviteTriage.Core.Detection;

/// <summary>Everything <see cref="FlockScorer"/> needs about one flock; counts only for cross-recipient facts.</summary>
public sealed record FlockFacts
{
    /// <summary>The company as shown to the user.</summary>
    public required string Company { get; init; }

    /// <summary>The distinct senders in order of their first invitation.</summary>
    public required IReadOnlyList<FlockSender> Senders { get; init; }

    public required DateTime FirstSentAt { get; init; }
    public required DateTime LastSentAt { get; init; }
    public required double PValue { get; init; }

    /// <summary>Invitations in the flock; one sender may have sent more than one.</summary>
    public required int MemberCount { get; init; }

    public int GenericCount { get; init; }

    /// <summary>Members whose sender invited this recipient before and was not accepted.</summary>
    public int RepeatInviteCount { get; init; }

    /// <summary>Other members of the instance for whom this company key formed an overlapping flock (±7 days).</summary>
    public int CampaignCompanyMembers { get; init; }

    /// <summary>The most other members of the instance that any one sender of this flock invited (±14 days).</summary>
    public int CampaignSenderMembers { get; init; }

    public bool IsKnownCompany { get; init; }
    public bool IsOwnCompany { get; init; }
}
