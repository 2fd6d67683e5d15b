namespace InviteTriage.Core.Detection;

/// <summary>
/// A flock another member of this instance received, for CAMPAIGN_COMPANY. <paramref name="MemberKey"/> is any
/// opaque token that tells members apart; it is only counted, never shown.
/// </summary>
public sealed record PeerFlock(string MemberKey, string CompanyKey, DateTime FirstSentAt, DateTime LastSentAt);
