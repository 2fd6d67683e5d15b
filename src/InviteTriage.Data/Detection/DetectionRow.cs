using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Detection;

/// <summary>What detection reads of one stored invitation.</summary>
internal sealed record DetectionRow(
    long Id,
    string CompanyKey,
    string SenderKey,
    DateTime SentAt,
    MessageClass MessageClass,
    string? Company,
    string SenderName,
    InvitationStatus Status,
    long? FlockId)
{
    public DetectionInvitation ToDetection(IReadOnlyDictionary<long, long[]> dismissed) =>
        new(Id, CompanyKey, SenderKey, SentAt, MessageClass)
        {
            Company = Company,
            SenderName = SenderName,
            DismissedFlockIds = dismissed.TryGetValue(Id, out var flocks) ? flocks : [],
        };
}
