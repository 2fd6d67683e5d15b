using InviteTriage.Core.Flocks;

namespace InviteTriage.Data.Flocks;

/// <summary>A flock as <c>flocks --json</c> and <c>GET /api/flocks</c> show it.</summary>
public sealed record FlockView(
    long Id,
    string Company,
    string CompanyKey,
    double Score,
    FlockSeverity Severity,
    FlockStatus Status,
    DateTime FirstSentAt,
    DateTime LastSentAt,
    int SenderCount,
    double PValue,
    IReadOnlyList<FlockMemberView> Members,
    IReadOnlyList<FlagReason> Reasons);
