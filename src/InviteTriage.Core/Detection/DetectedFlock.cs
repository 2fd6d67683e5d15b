using InviteTriage.Core.Flocks;

namespace InviteTriage.Core.Detection;

/// <summary>
/// One flock as the detector finds it, with member ids in (sentAt, id) order; the storage layer gives it an
/// id and keeps that stable.
/// </summary>
public sealed record DetectedFlock(
    string CompanyKey,
    string Company,
    IReadOnlyList<long> MemberIds,
    DateTime FirstSentAt,
    DateTime LastSentAt,
    int SenderCount,
    SurpriseResult Surprise,
    IReadOnlyList<FlagReason> Reasons,
    double Score,
    FlockSeverity Severity)
{
    public double PValue => Surprise.PValue;
}
